from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from .drafts import with_pending_draft
from .markdown import render_markdown
from .models import Condition, Exercise, Expert, GuidanceStep, ReturnToRun, Study
from .page_cache import cached_content_page


@require_safe
@cached_content_page(by_query=False)
def home(request):
    return render(
        request,
        "content/home.html",
        {
            "conditions": Condition.objects.published().only("slug", "name", "order"),
            "steps": GuidanceStep.objects.published().only("slug", "title", "order"),
        },
    )


@require_safe
@cached_content_page(by_query=False)
def condition_list(request):
    conditions = Condition.objects.published().only("slug", "name", "also_known_as", "summary")
    return render(request, "content/condition_list.html", {"conditions": conditions})


def related_links(condition):
    """The published guidance steps, exercises and return-to-run programme linked to a
    condition, in one query."""
    kind = CharField()
    steps = (
        GuidanceStep.objects.published()
        .filter(conditions=condition)
        .values_list(Value("guidance", output_field=kind), "slug", "title", "order")
        .order_by()
    )
    exercises = (
        Exercise.objects.published()
        .filter(conditions=condition)
        .values_list(Value("exercise", output_field=kind), "slug", "name", "order")
        .order_by()
    )
    programmes = (
        ReturnToRun.objects.published()
        .filter(conditions=condition)
        .values_list(Value("return-to-run", output_field=kind), "slug", "title", "order")
        .order_by()
    )
    links = {"guidance": [], "exercise": [], "return-to-run": []}
    rows = steps.union(exercises, programmes).order_by("order", "title")
    for link_kind, link_slug, title, _order in rows:
        links[link_kind].append({"slug": link_slug, "title": title})
    return links


@require_safe
@cached_content_page(by_query=False)
def condition_detail(request, slug):
    condition = get_object_or_404(Condition.objects.published().with_citations(), slug=slug)
    links = related_links(condition)
    return render(
        request,
        "content/condition_detail.html",
        {
            "condition": condition,
            "steps": links["guidance"],
            "exercises": links["exercise"],
            "return_to_run": links["return-to-run"],
        },
    )


@require_safe
@cached_content_page(by_query=False)
def guidance_list(request):
    steps = GuidanceStep.objects.published().only("slug", "title", "summary", "order")
    return render(request, "content/guidance_list.html", {"steps": steps})


@require_safe
@cached_content_page(by_query=False)
def guidance_detail(request, slug):
    step = get_object_or_404(GuidanceStep.objects.published().for_page(), slug=slug)
    return render(request, "content/guidance_detail.html", {"step": step})


@require_safe
@cached_content_page(by_query=False)
def sources(request):
    return render(
        request,
        "content/sources.html",
        {"experts": Expert.objects.all(), "studies": Study.objects.all()},
    )


PREVIEWS = {
    "condition": (Condition, "content/condition_detail.html", "condition"),
    "guidance": (GuidanceStep, "content/guidance_detail.html", "step"),
}


@require_safe
@staff_member_required
def preview(request, kind, pk):
    """Show a draft exactly as the public page will, to staff who may edit it."""
    if kind not in PREVIEWS:
        raise PermissionDenied
    model, template, context_name = PREVIEWS[kind]
    if not request.user.has_perm(f"content.change_{model._meta.model_name}"):
        raise PermissionDenied
    # A pending draft shows here too: staff only, never the public pages.
    item = with_pending_draft(get_object_or_404(model.objects.for_page(), pk=pk))
    context = {context_name: item, "preview": True}
    if kind == "condition":
        links = related_links(item)
        context.update(steps=links["guidance"], exercises=links["exercise"])
    return render(request, template, context)


MARKDOWN_PREVIEW_LIMIT = 50_000  # characters; the longest seeded field is a few hundred


@require_POST
@never_cache
@staff_member_required
def markdown_preview(request):
    """The Markdown editor's live preview: the same sanitiser as the public pages (CSRF on)."""
    if not any(
        request.user.has_perm(f"content.{action}_{model}")
        for action in ("add", "change")
        for model in ("condition", "guidancestep", "exercise")
    ):
        raise PermissionDenied
    text = request.POST.get("text", "")[:MARKDOWN_PREVIEW_LIMIT]
    # Uncached: what a coach types mid-edit would only push real pages out of the cache.
    return HttpResponse(render_markdown.__wrapped__(text), content_type="text/html; charset=utf-8")


PICTURE_CACHE_SECONDS = 365 * 24 * 60 * 60


@require_safe
def exercise_picture(request, slug):
    """A coach's picture of an exercise (a PNG re-encoded on upload), by its version: pages
    ask for ?v=<version>, which changes with every upload, so browsers may keep it a year."""
    version = (
        Exercise.objects.published()
        .filter(slug=slug)
        .exclude(drawing_version="")
        .values_list("drawing_version", flat=True)
        .first()
    )
    if version is None:
        raise Http404("This exercise has no picture.")
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        data = Exercise.objects.filter(slug=slug).values_list("drawing", flat=True).get()
        response = HttpResponse(bytes(data), content_type="image/png")
    response["ETag"] = etag
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=PICTURE_CACHE_SECONDS, immutable=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response
