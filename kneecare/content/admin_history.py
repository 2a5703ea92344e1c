"""A history a coach can read: who, when, why, a word-level comparison with the current
version, and "Restore this version" in one step (which is itself a new version).

It replaces simple-history's list, which cuts long values short, prints "None" and links
the author to the user admin that coaches may not open. simple-history's own revert form
(`history/<id>/`) stays available at its address.
"""

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.timezone import localtime

from . import drafts
from .worddiff import Piece, word_diff

EVENTS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def author(version) -> str:
    user = version.history_user
    if user is None:
        return (
            "The seed"
            if (version.history_change_reason or "").startswith("Seeded")
            else ("Not recorded")
        )
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class FieldChange:
    label: str
    pieces: tuple[Piece, ...] = ()  # text fields: word by word
    removed: tuple[str, ...] = ()  # lists (linked guidance, exercises): whole items
    added: tuple[str, ...] = ()


class ReadableHistoryMixin:
    object_history_template = "admin/content/history.html"
    history_list_per_page = 50

    def history_field_names(self, request, obj):
        form_class = self.get_form(request, obj, change=True)
        return [name for name in form_class.base_fields if drafts.draft_field(self.model, name)]

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                view(self.compare_view),
                name=f"{info}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def history_record(self, request, object_id, *, change):
        record = get_object_or_404(self.model, pk=unquote(object_id))
        allowed = (
            self.has_change_permission(request, record)
            if change
            else self.has_view_or_change_permission(request, record)
        )
        if not allowed:
            raise PermissionDenied
        return record

    def history_view(self, request, object_id, extra_context=None):
        record = self.history_record(request, object_id, change=False)
        versions = record.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )
        page = Paginator(versions, self.history_list_per_page).get_page(request.GET.get("p"))
        labels = self.field_labels(request, record)
        rows = []
        for version in page.object_list:
            previous = version.prev_record
            fields = []
            if previous is not None:
                delta = version.diff_against(previous, included_fields=list(labels))
                fields = [labels[change.field] for change in delta.changes]
            rows.append(
                {
                    "version": version,
                    "when": localtime(version.history_date),
                    "author": author(version),
                    "event": version.history_change_reason or EVENTS[version.history_type],
                    "fields": fields,
                    "draft_fields": self.draft_fields(version, labels),
                    "is_draft": bool(drafts.saved_draft(version)),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of \u201c{record}\u201d",
            "opts": self.opts,
            "object": record,
            "rows": rows,
            "page_obj": page,
            "can_restore": self.has_change_permission(request, record),
            "current_id": versions.values_list("history_id", flat=True).first(),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def draft_fields(self, version, labels) -> list[str]:
        """The fields a version's pending draft changes, for the history's "saved a draft" rows."""
        names = []
        for name, value in (getattr(version, "pending_draft", None) or {}).items():
            field = drafts.draft_field(self.model, name)
            if (
                name in labels
                and field is not None
                and not field.many_to_many
                and drafts.same_line_endings(str(value))
                != drafts.same_line_endings(field.value_to_string(version))
            ):
                names.append(labels[name])
        return names

    def field_labels(self, request, record):
        form_class = self.get_form(request, record, change=True)
        return {
            name: str(form_class.base_fields[name].label or name).capitalize()
            for name in self.history_field_names(request, record)
        }

    def field_changes(self, request, record, version) -> list[FieldChange]:
        labels = self.field_labels(request, record)
        changes = []
        old_relations = drafts.as_drafted(version, list(labels))
        for name, label in labels.items():
            field = drafts.draft_field(self.model, name)
            if field.many_to_many:
                if name not in old_relations:
                    continue
                related = field.related_model.objects
                now = set(getattr(record, name).values_list("pk", flat=True))
                then = set(old_relations[name])
                if now != then:
                    changes.append(
                        FieldChange(
                            label,
                            removed=tuple(str(item) for item in related.filter(pk__in=then - now)),
                            added=tuple(str(item) for item in related.filter(pk__in=now - then)),
                        )
                    )
                continue
            old = field.value_to_string(version)
            new = field.value_to_string(record)
            if old != new:
                if field.choices:
                    old = dict(field.flatchoices).get(getattr(version, field.attname), old)
                    new = dict(field.flatchoices).get(getattr(record, field.attname), new)
                changes.append(FieldChange(label, pieces=word_diff(old=str(old), new=str(new))))
        return changes

    def compare_view(self, request, object_id, version_id):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        record = self.history_record(request, object_id, change=False)
        version = get_object_or_404(record.history, history_id=version_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare a version of \u201c{record}\u201d with the current one",
            "opts": self.opts,
            "object": record,
            "version": version,
            "when": localtime(version.history_date),
            "author": author(version),
            "event": version.history_change_reason or EVENTS[version.history_type],
            "is_draft": bool(drafts.saved_draft(version)),
            "changes": self.field_changes(request, record, version),
            "can_restore": self.has_change_permission(request, record),
            "history_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[record.pk]
            ),
        }
        return TemplateResponse(request, "admin/content/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.history_record(request, object_id, change=True)
        version = record.history.filter(history_id=version_id).first()
        if version is None:
            raise Http404
        reason = request.POST.get("change_reason", "")[: drafts.REASON_MAX_LENGTH]
        label = drafts.version_label(version)
        drafts.restore_version(
            record,
            version,
            names=self.history_field_names(request, record),
            user=request.user,
            reason=reason,
        )
        self.message_user(
            request,
            f"Restored {label}. It is live now, and the history keeps the version you replaced.",
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk])
        )
