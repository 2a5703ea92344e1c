from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Citation, Condition, Expert, GuidanceStep, Study
from .page_cache import cached_content_page


def with_citations(queryset):
    citations = Citation.objects.select_related("expert", "study")
    return queryset.prefetch_related(Prefetch("citations", queryset=citations))


def condition_queryset():
    published_steps = GuidanceStep.objects.published()
    return with_citations(Condition.objects.all()).prefetch_related(
        Prefetch("guidance", queryset=published_steps)
    )


def guidance_queryset():
    return with_citations(GuidanceStep.objects.all()).prefetch_related("figures")


@require_GET
@cached_content_page
def home(request):
    return render(
        request,
        "content/home.html",
        {
            "conditions": Condition.objects.published().only("slug", "name", "order"),
            "steps": GuidanceStep.objects.published().only("slug", "title", "order"),
        },
    )


@require_GET
@cached_content_page
def condition_list(request):
    conditions = Condition.objects.published().only("slug", "name", "also_known_as", "summary")
    return render(request, "content/condition_list.html", {"conditions": conditions})


@require_GET
@cached_content_page
def condition_detail(request, slug):
    condition = get_object_or_404(condition_queryset().published(), slug=slug)
    return render(request, "content/condition_detail.html", {"condition": condition})


@require_GET
@cached_content_page
def guidance_list(request):
    steps = GuidanceStep.objects.published().only("slug", "title", "summary", "order")
    return render(request, "content/guidance_list.html", {"steps": steps})


@require_GET
@cached_content_page
def guidance_detail(request, slug):
    step = get_object_or_404(guidance_queryset().published(), slug=slug)
    return render(request, "content/guidance_detail.html", {"step": step})


@require_GET
@cached_content_page
def sources(request):
    return render(
        request,
        "content/sources.html",
        {"experts": Expert.objects.all(), "studies": Study.objects.all()},
    )


PREVIEWS = {
    "condition": (Condition, condition_queryset, "content/condition_detail.html", "condition"),
    "guidance": (GuidanceStep, guidance_queryset, "content/guidance_detail.html", "step"),
}


@require_GET
@staff_member_required
def preview(request, kind, pk):
    """Show a draft exactly as the public page will, to staff who may edit it."""
    if kind not in PREVIEWS:
        raise PermissionDenied
    model, queryset, template, context_name = PREVIEWS[kind]
    if not request.user.has_perm(f"content.change_{model._meta.model_name}"):
        raise PermissionDenied
    item = get_object_or_404(queryset(), pk=pk)
    return render(request, template, {context_name: item, "preview": True})
