from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from . import drafts
from .admin_drafts import DraftAwareGenericFormSet, DraftAwareInlineFormSet, DraftsAdminMixin
from .admin_history import ReadableHistoryMixin
from .admin_preview import PreviewAdminMixin
from .models import (
    Citation,
    Condition,
    Exercise,
    Expert,
    GuidanceStep,
    KeyFigure,
    ReturnToRun,
    ReturnToRunRule,
    RunWalkPhase,
    Status,
    Study,
)


class CitationInline(GenericTabularInline):
    model = Citation
    formset = DraftAwareGenericFormSet
    extra = 0
    fields = ["claim", "expert", "study", "order"]
    autocomplete_fields = ["expert", "study"]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    formset = DraftAwareInlineFormSet
    extra = 0
    fields = ["code", "label", "value", "unit", "order"]


@admin.action(description="Publish the selected items (and their pending drafts)")
def publish(modeladmin, request, queryset):
    for item in queryset:  # one by one so each change lands in the history
        drafts.publish_draft(item, user=request.user)


@admin.action(description="Return the selected items to draft")
def unpublish(modeladmin, request, queryset):
    for item in queryset:
        item.status = Status.DRAFT
        item._history_user = request.user
        item._change_reason = "Returned to draft"
        item.save()


class ContentAdmin(PreviewAdminMixin, ReadableHistoryMixin, DraftsAdminMixin, SimpleHistoryAdmin):
    """Drafts of live content, a preview of unsaved values, inline sources and a history
    a coach can read and restore from."""

    list_filter = ["status"]
    list_editable = ["order"]
    ordering = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]
    actions = [publish, unpublish]


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    list_display = [
        "name", "urgency", "status_label", "pending", "order", "last_edited", "edited_by"
    ]  # fmt: skip
    list_filter = ["status", "urgency"]
    search_fields = ["name", "also_known_as", "summary", "signs"]
    filter_horizontal = ["guidance", "exercises"]


@admin.register(GuidanceStep)
class GuidanceStepAdmin(ContentAdmin):
    list_display = ["title", "status_label", "pending", "order", "last_edited", "edited_by"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [KeyFigureInline, CitationInline]


@admin.register(Exercise)
class ExerciseAdmin(ContentAdmin):
    list_display = [
        "name", "category", "stage", "status_label", "pending", "order", "last_edited", "edited_by"
    ]  # fmt: skip
    list_filter = ["status", "category", "stage"]
    search_fields = ["name", "how_to"]


@admin.register(Expert)
class ExpertAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "credentials", "affiliation", "updated_at"]
    search_fields = ["name", "credentials", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Study)
class StudyAdmin(ReadableHistoryMixin, SimpleHistoryAdmin):
    list_display = ["citation", "journal", "year", "origin", "updated_at"]
    list_filter = ["origin"]
    search_fields = ["citation", "authors", "journal", "finding"]
    ordering = ["citation"]
    prepopulated_fields = {"slug": ["citation"]}


@admin.register(ReturnToRun)
class ReturnToRunAdmin(ContentAdmin):
    list_display = ["title", "slug", "status", "order", "updated_at"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["conditions"]


@admin.register(RunWalkPhase)
class RunWalkPhaseAdmin(ContentAdmin):
    list_display = [
        "name", "order", "effort", "walk_minutes", "run_minutes", "distance_miles", "sessions",
        "status",
    ]  # fmt: skip
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(ReturnToRunRule)
class ReturnToRunRuleAdmin(ContentAdmin):
    list_display = ["title", "kind", "status", "order", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
