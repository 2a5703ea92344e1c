"""Preview the change form's unsaved values as the public page, and for a condition, as the
card a self-check result shows. The Preview button posts the form here (CSRF-protected)
into a new tab; the form and its inline rows are validated and rendered, never saved.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path

from .models import Citation, KeyFigure

# Which prefetch cache each inline's rows stand in for, so the public templates'
# `condition.citations.all` and `step.figures.all` show the unsaved rows.
INLINE_CACHES = {Citation: "citations", KeyFigure: "figures"}


def unsaved_rows(formset):
    """The rows an inline formset would keep, with the values as typed."""
    formset.is_valid()
    rows = [
        form.instance
        for form in formset.forms
        if not formset._should_delete_form(form) and (form.instance.pk or form.has_changed())
    ]
    return sorted(rows, key=lambda row: (row.order or 0, row.pk or 0))


def chosen(form, name):
    """The objects picked in a many-to-many field, or its initial ones if that is invalid."""
    if name in form.cleaned_data:
        return list(form.cleaned_data[name])
    initial = [getattr(value, "pk", value) for value in form.initial.get(name, [])]
    return list(form.fields[name].queryset.filter(pk__in=initial))


def published_only(items):
    return sorted((item for item in items if item.is_published), key=lambda item: item.order)


class PreviewAdminMixin:
    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.preview_view), name=f"{info}_preview_new"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{info}_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=obj
        )
        form.is_valid()  # copies every valid value onto form.instance; nothing is saved
        item = form.instance
        if item.pk is None:
            item.pk = 0  # never saved: its related rows all come from the form below
        cache = {}
        formsets, _ = self._create_formsets(request, item, change=obj is not None)
        for formset in formsets:
            if formset.model in INLINE_CACHES:
                cache[INLINE_CACHES[formset.model]] = unsaved_rows(formset)
        context = {"errors": form.errors, "is_new": obj is None, "live": obj, "opts": self.opts}
        for name in ("guidance", "exercises"):
            if name in form.fields:
                cache[name] = published_only(chosen(form, name))
        item._prefetched_objects_cache = cache
        context.update(self.preview_context(item, cache))
        template = f"admin/content/preview_{self.opts.model_name}.html"
        return TemplateResponse(request, template, context)

    def preview_context(self, item, related):
        name = self.opts.model_name
        if name == "condition":
            return {
                "condition": item,
                "steps": [{"slug": s.slug, "title": s.title} for s in related["guidance"]],
                "exercises": [{"slug": e.slug, "title": e.name} for e in related["exercises"]],
            }
        if name == "guidancestep":
            return {"step": item}
        return {"exercise": item, "sources": related.get("citations", [])}
