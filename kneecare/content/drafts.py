"""Pending drafts of published content, and restoring an earlier version.

A coach's edit of a published record can wait as a pending draft: the form's values, by
field name, in the record's `pending_draft`. The live fields are untouched, so every public
page, self-check result and training tool, which all read the live fields through the model
and its `published()` queryset, keeps serving the live version. Publishing copies the draft
onto the live fields in one save; discarding empties it. Every step is one save of the
record, so simple-history keeps each one with its author and reason.
"""

import json

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils.timezone import localtime

from .models import Status

# The longest action prefix below, so that the coach's own words always fit beside it in
# simple-history's 100-character change reason without being cut.
REASON_MAX_LENGTH = 60


def same_line_endings(value):
    """Text with the line endings a browser sends (CRLF, or a lone CR) as LF, like live text."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def history_reason(action: str, typed: str = "") -> str:
    typed = " ".join(typed.split())
    return f"{action}: {typed}" if typed else action


def draft_field(model, name):
    """The model field a form field of that name edits, if a draft can hold it."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    editable = field.many_to_many or (field.concrete and field.editable and not field.primary_key)
    if editable and not isinstance(field, models.FileField) and name != "status":
        return field
    return None


def values_for_draft(form) -> dict:
    """The valid form's values as JSON-ready data, by field name; files are never drafted."""
    model = form._meta.model
    values = {}
    for name, value in form.cleaned_data.items():
        field = draft_field(model, name)
        if field is None:
            continue
        if field.many_to_many:
            values[name] = sorted(related.pk for related in value)
        else:
            values[name] = same_line_endings(field.value_from_object(form.instance))
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def apply_pending_draft(record) -> dict[str, list[int]]:
    """Copy the draft's values onto `record` in memory; return its many-to-many values."""
    relations = {}
    for name, value in record.pending_draft.items():
        field = draft_field(type(record), name)
        if field is None:  # a field removed since the draft was saved
            continue
        if field.many_to_many:
            relations[name] = value
        else:
            setattr(record, field.attname, field.to_python(value))
    return relations


def with_pending_draft(record):
    """The record as its draft would make it, in memory; the relations in `_draft_relations`."""
    record._draft_relations = apply_pending_draft(record) if record.pending_draft else {}
    return record


def _save(record, *, user, reason):
    record._history_user = user
    record._change_reason = reason
    record.save()


@transaction.atomic
def save_draft(record, *, values: dict, user, reason: str) -> None:
    """Hold `values` as the pending draft of the live `record`; the live fields stay."""
    record.pending_draft = values
    _save(record, user=user, reason=history_reason("Draft saved", reason))


@transaction.atomic
def publish_draft(record, *, user, reason: str = "") -> None:
    """Make the pending draft live and publish the record, in one save."""
    relations = apply_pending_draft(record)
    record.pending_draft = {}
    record.status = Status.PUBLISHED
    _save(record, user=user, reason=history_reason("Published", reason))
    for name, pks in relations.items():
        getattr(record, name).set(pks)


@transaction.atomic
def discard_draft(record, *, user) -> None:
    record.pending_draft = {}
    _save(record, user=user, reason="Draft discarded")


def version_relations(version, names) -> dict[str, list[int]]:
    """The many-to-many values a historical version recorded, for the fields it tracks."""
    relations = {}
    model = version.instance_type
    tracked = {field.name for field in getattr(version, "_history_m2m_fields", [])}
    for name in names:
        field = draft_field(model, name)
        if field is None or not field.many_to_many or name not in tracked:
            continue
        through = getattr(model, name).through
        target = next(
            f.attname
            for f in through._meta.fields
            if f.is_relation and f.related_model is field.related_model
        )
        relations[name] = sorted(getattr(version, name).values_list(target, flat=True))
    return relations


def saved_draft(version) -> dict:
    """The draft a version saved: its pending draft, when the version before held another.

    Such a version ("Draft saved") keeps the live wording of its time in its fields and the
    coach's new wording only in the draft, so restoring or comparing it means the draft.
    """
    draft = getattr(version, "pending_draft", None) or {}
    if not draft:
        return {}
    if (version.history_change_reason or "").startswith("Draft saved"):
        return draft  # even a draft saved again unchanged
    previous = version.prev_record
    if previous is not None and (previous.pending_draft or {}) == draft:
        return {}
    return draft


def as_drafted(version, names) -> dict[str, list[int]]:
    """Put the draft a version saved onto it, in memory, for the fields `names`; return the
    many-to-many values (the draft's where it holds them, else the version's)."""
    relations = version_relations(version, names)
    model = version.instance_type
    for name, value in saved_draft(version).items():
        field = draft_field(model, name)
        if field is None or name not in names:
            continue
        if field.many_to_many:
            relations[name] = sorted(value)
        else:
            setattr(version, field.attname, field.to_python(value))
    return relations


def version_label(version) -> str:
    """How the history and its messages name a version: "the draft of …" or "the version of …"."""
    when = localtime(version.history_date).strftime("%d %b %Y %H:%M")
    return f"the draft of {when}" if saved_draft(version) else f"the version of {when}"


@transaction.atomic
def restore_version(record, version, *, names, user, reason: str = "") -> None:
    """Put the version's values of the editable fields `names` back live, as a new version.

    A version that saved a draft is restored as the coach wrote the draft, not as the live
    wording it was saved beside. The status and any pending draft stay as they are:
    restoring undoes an edit of the wording, it does not publish or unpublish, and a coach's
    unpublished draft is kept.
    """
    label = version_label(version)
    relations = as_drafted(version, names)
    for name in names:
        field = draft_field(type(record), name)
        if field is not None and not field.many_to_many:
            setattr(record, field.attname, getattr(version, field.attname))
    _save(record, user=user, reason=history_reason(f"Restored {label}", reason))
    for name, pks in relations.items():
        getattr(record, name).set(pks)
