from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import drafts
from .admin_drafts import (
    ContentForm,
    DraftAwareGenericFormSet,
    DraftAwareInlineFormSet,
    DraftsAdminMixin,
)
from .admin_history import ReadableHistoryMixin
from .admin_preview import PreviewAdminMixin
from .drawings import MAX_UPLOAD_BYTES, DrawingError, reencoded_drawing
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


class ExerciseForm(ContentForm):
    """The exercise with an optional picture in place of the shipped line drawing,
    re-encoded as a PNG (kneecare/content/drawings.py)."""

    picture_upload = forms.FileField(
        label="New picture",
        required=False,
        help_text=f"PNG, JPEG or WebP, at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB; shown in "
        "place of the line drawing. SVG is not accepted.",
    )
    remove_picture = forms.BooleanField(label="Go back to the shipped line drawing", required=False)

    def clean_picture_upload(self):
        upload = self.cleaned_data["picture_upload"]
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The picture is too big: at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
            )
        try:
            return reencoded_drawing(upload.read())
        except DrawingError as error:
            raise forms.ValidationError(str(error)) from error

    def save(self, commit=True):
        exercise = super().save(commit=False)
        drawing = self.cleaned_data.get("picture_upload")
        if drawing is not None:
            exercise.drawing, exercise.drawing_version = drawing.png, drawing.version
        elif self.cleaned_data.get("remove_picture"):
            exercise.drawing, exercise.drawing_version = b"", ""
        if commit:
            exercise.save()
            self._save_m2m()
        return exercise


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
    form = ExerciseForm
    list_display = [
        "name", "category", "stage", "status_label", "pending", "order", "last_edited", "edited_by"
    ]  # fmt: skip
    list_filter = ["status", "category", "stage"]
    search_fields = ["name", "how_to"]
    readonly_fields = ["current_picture"]

    def get_queryset(self, request):
        # The list never needs the pictures' bytes.
        return super().get_queryset(request).defer("drawing")

    @admin.display(description="Current picture")
    def current_picture(self, exercise):
        if exercise.pk is None:
            return "-"
        if not exercise.drawing_version:
            return "The line drawing shipped with the site (if there is one for this slug)."
        url = reverse("content:exercise_picture", args=[exercise.slug])
        return format_html('<img src="{}?v={}" alt="" height="96">', url, exercise.drawing_version)


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
    list_display = ["title", "status_label", "pending", "order", "last_edited", "edited_by"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["conditions"]


@admin.register(RunWalkPhase)
class RunWalkPhaseAdmin(ContentAdmin):
    list_display = [
        "name", "order", "effort", "walk_minutes", "run_minutes", "distance_miles", "sessions",
        "status_label", "pending",
    ]  # fmt: skip
    search_fields = ["name"]


@admin.register(ReturnToRunRule)
class ReturnToRunRuleAdmin(ContentAdmin):
    list_display = ["title", "kind", "status_label", "pending", "order", "last_edited", "edited_by"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
