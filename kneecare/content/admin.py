from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import Citation, Condition, Exercise, Expert, GuidanceStep, KeyFigure, Status, Study


class CitationInline(GenericTabularInline):
    model = Citation
    extra = 0
    fields = ["claim", "expert", "study", "order"]
    autocomplete_fields = ["expert", "study"]


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["code", "label", "value", "unit", "order"]


def set_status(queryset, status):
    for item in queryset:  # save() one by one so each change lands in the history
        item.status = status
        item.save()


@admin.action(description="Publish the selected items")
def publish(modeladmin, request, queryset):
    set_status(queryset, Status.PUBLISHED)


@admin.action(description="Return the selected items to draft")
def unpublish(modeladmin, request, queryset):
    set_status(queryset, Status.DRAFT)


class ContentAdmin(SimpleHistoryAdmin):
    """Drafts, a preview of the public page, inline sources and a revertible history."""

    list_filter = ["status"]
    list_editable = ["order"]
    ordering = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]
    actions = [publish, unpublish]
    preview_kind = ""

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not self.preview_kind or obj.pk is None:
            return "-"
        url = reverse("content:preview", args=[self.preview_kind, obj.pk])
        return format_html('<a href="{}">Preview as the public page</a>', url)


@admin.register(Condition)
class ConditionAdmin(ContentAdmin):
    list_display = ["name", "slug", "urgency", "status", "order", "updated_at", "preview_link"]
    list_filter = ["status", "urgency"]
    search_fields = ["name", "also_known_as", "summary", "signs"]
    filter_horizontal = ["guidance", "exercises"]
    readonly_fields = ["preview_link"]
    preview_kind = "condition"


@admin.register(GuidanceStep)
class GuidanceStepAdmin(ContentAdmin):
    list_display = ["title", "slug", "status", "order", "updated_at", "preview_link"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [KeyFigureInline, CitationInline]
    readonly_fields = ["preview_link"]
    preview_kind = "guidance"


@admin.register(Exercise)
class ExerciseAdmin(ContentAdmin):
    list_display = ["name", "category", "stage", "status", "order", "updated_at"]
    list_filter = ["status", "category", "stage"]
    search_fields = ["name", "how_to"]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credentials", "affiliation", "updated_at"]
    search_fields = ["name", "credentials", "affiliation"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    list_display = ["citation", "journal", "year", "origin", "updated_at"]
    list_filter = ["origin"]
    search_fields = ["citation", "authors", "journal", "finding"]
    ordering = ["citation"]
    prepopulated_fields = {"slug": ["citation"]}
