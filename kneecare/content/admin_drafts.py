"""The content admin's change form: save a published record's edit as a draft, publish it,
discard it, and preview it; the coach types a reason that the history keeps.

The buttons are plain submit buttons with names, so all of it works without JavaScript:
`_save_draft`, `_publish`, `_discard_draft` and Preview (a `formaction` into a new tab).
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from . import drafts
from .models import MARKDOWN_HELP, Status
from .worddiff import Piece, word_diff

SAVE_DRAFT, PUBLISH, DISCARD_DRAFT = "_save_draft", "_publish", "_discard_draft"
DRAFT_HOLDS_NO_SOURCES = (
    "A draft holds the page's own fields only. Undo these changes to save the rest as a "
    "draft, or use \u201cPublish changes\u201d to put everything live now."
)


class ContentForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="What changed and why",
        required=False,
        max_length=drafts.REASON_MAX_LENGTH,
        help_text="Optional, shown in the history, e.g. \u201cFixed a typo in the signs\u201d.",
    )
    holds_draft = False  # set by ContentAdmin.get_form for a "Save as draft" of a live record

    def clean(self):
        cleaned = super().clean()
        # Browsers send a textarea's lines with \r\n; the live text and its history use \n,
        # so that a draft or a version only differs where the coach typed something.
        for name, value in cleaned.items():
            cleaned[name] = drafts.same_line_endings(value)
        if self.holds_draft:
            for name in self.changed_data:
                if isinstance(self.fields[name], forms.FileField):
                    self.add_error(name, DRAFT_HOLDS_NO_SOURCES)
        return cleaned


class DraftAwareFormSetMixin:
    """Inline rows (sources, key figures) go live when saved, so a draft refuses changes."""

    def __init__(self, *args, holds_draft=False, **kwargs):
        self.holds_draft = holds_draft
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.holds_draft and self.has_changed():
            raise ValidationError(DRAFT_HOLDS_NO_SOURCES)


class DraftAwareGenericFormSet(DraftAwareFormSetMixin, BaseGenericInlineFormSet):
    pass


class DraftAwareInlineFormSet(DraftAwareFormSetMixin, forms.BaseInlineFormSet):
    pass


def saves_draft_of_live(request, obj) -> bool:
    return request.method == "POST" and SAVE_DRAFT in request.POST and obj and obj.is_published


@dataclass(frozen=True)
class DraftChange:
    label: str
    pieces: tuple[Piece, ...]


def draft_changes(record) -> list[DraftChange]:
    """The text fields a pending draft changes, word by word against the live version."""
    live = type(record).objects.get(pk=record.pk)
    changes = []
    for name in record.pending_draft:
        field = drafts.draft_field(type(record), name)
        if field is None or field.many_to_many:
            continue
        old, new = field.value_to_string(live), field.value_to_string(record)
        if old != new:
            label = str(field.verbose_name).capitalize()
            changes.append(DraftChange(label, word_diff(old=old, new=new)))
    return changes


class DraftsAdminMixin:
    """For ModelAdmins of `Content` models."""

    form = ContentForm
    change_form_template = "admin/content/change_form.html"

    # The list: what a coach needs to know at a glance.
    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()

    @admin.display(description="Pending draft", boolean=True)
    def pending(self, obj):
        return obj.has_pending_draft

    @admin.display(description="Last edited", ordering="updated_at")
    def last_edited(self, obj):
        return obj.updated_at

    @admin.display(description="By")
    def edited_by(self, obj):
        full_name = f"{obj.last_editor_first or ''} {obj.last_editor_last or ''}".strip()
        return full_name or obj.last_editor_username or "the seed (no person)"

    def get_queryset(self, request):
        versions = self.model.history.model.objects.filter(id=OuterRef("pk"))
        latest = versions.order_by("-history_date", "-history_id")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_editor_username=Subquery(latest.values("history_user__username")[:1]),
                last_editor_first=Subquery(latest.values("history_user__first_name")[:1]),
                last_editor_last=Subquery(latest.values("history_user__last_name")[:1]),
            )
        )

    # The form: the pending draft, not the live values, is what the coach goes on editing.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        return drafts.with_pending_draft(obj) if obj is not None else None

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "status"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        relations = getattr(obj, "_draft_relations", {})

        class DraftForm(form_class):
            holds_draft = bool(saves_draft_of_live(request, obj))

            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**relations, **(form_kwargs.get("initial") or {})}
                super().__init__(*args, **form_kwargs)

        DraftForm.__name__ = form_class.__name__
        return DraftForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.help_text == MARKDOWN_HELP:
            # static/js/admin-markdown.js turns these textareas into an editor with a preview.
            field.widget.attrs.update(
                {
                    "data-markdown-editor": "",
                    "data-preview-url": reverse("content:markdown_preview"),
                    "rows": 8,
                }
            )
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        context["preview_url"] = (
            reverse(f"{info}_preview", args=[obj.pk]) if obj else reverse(f"{info}_preview_new")
        )
        context["draft_changes"] = draft_changes(obj) if obj and obj.has_pending_draft else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        kwargs["holds_draft"] = bool(saves_draft_of_live(request, obj))
        return kwargs

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and DISCARD_DRAFT in request.POST and object_id:
            return self.discard_view(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def discard_view(self, request, object_id):
        record = self.model.objects.filter(pk=unquote(object_id)).first()
        if record is None or not self.has_change_permission(request, record):
            raise PermissionDenied
        drafts.discard_draft(record, user=request.user)
        self.message_user(request, "Draft discarded. The live version is unchanged.")
        return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        if form.holds_draft:
            live = self.model.objects.get(pk=obj.pk)
            drafts.save_draft(
                live, values=drafts.values_for_draft(form), user=request.user, reason=reason
            )
            form.saved_as_draft = True
            return
        if PUBLISH in request.POST:
            obj.status = Status.PUBLISHED
            obj.pending_draft = {}
            action = "Published"
        elif SAVE_DRAFT in request.POST and not obj.is_published:
            action = "Saved as draft"
        else:  # a plain save of the live record, as the admin has always done
            obj.pending_draft = {}
            action = "Edited"
        obj._change_reason = drafts.history_reason(action, reason)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "saved_as_draft", False):
            return  # the many-to-many values wait in the draft; inline rows had no changes
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form, "saved_as_draft", False):
            return "Saved a draft of the live version."
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if SAVE_DRAFT in request.POST:
            live = self.model.objects.get(pk=obj.pk)
            if live.is_published:
                message = "Draft saved. The public still sees the live version until you publish."
            else:
                message = "Saved as a draft: it is not public yet."
            self.message_user(request, message)
            return HttpResponseRedirect(request.path)
        if PUBLISH in request.POST:
            return self.published_response(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if PUBLISH in request.POST:
            return self.published_response(request, obj)
        if SAVE_DRAFT in request.POST:
            self.message_user(request, "Saved as a draft: it is not public yet.")
            return HttpResponseRedirect(
                reverse(f"admin:content_{self.opts.model_name}_change", args=[obj.pk])
            )
        return super().response_add(request, obj, post_url_continue)

    def published_response(self, request, obj):
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        if url:
            message = format_html(
                'Published: the public now sees your changes. <a href="{}" target="_blank">'
                "Open the live page</a>",
                url,
            )
        else:
            message = "Published: the public now sees your changes."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:content_{self.opts.model_name}_change", args=[obj.pk])
        )
