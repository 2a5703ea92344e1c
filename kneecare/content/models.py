"""The shared guidance content: conditions, guidance steps, exercises and their sources.

Everything here is written by coaches in the admin and read by the public pages, the
symptom triage and the training tools.
"""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kneecare import urgency as levels
from kneecare.numbers import plain_number

MARKDOWN_HELP = "Markdown: paragraphs, lists with '- ', **bold**, *italics*. No HTML."


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Urgency(models.TextChoices):
    """How soon a typical case of a condition should be seen: the shared levels
    (kneecare/urgency.py) but `emergency`, which only a red flag in a self-check gives."""

    SELF_CARE = levels.SELF_CARE, "Self-care"
    SOON = levels.SOON, "Book an appointment"
    URGENT = levels.URGENT, "See a doctor promptly"


class ContentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def with_citations(self):
        """Each record's citations with their expert or study: every page names its sources."""
        citations = Citation.objects.select_related("expert", "study")
        return self.prefetch_related(models.Prefetch("citations", queryset=citations))


class GuidanceStepQuerySet(ContentQuerySet):
    def for_page(self):
        """What a step's page and the tools it explains show: its citations and key figures."""
        return self.with_citations().prefetch_related("figures")


class ConditionQuerySet(ContentQuerySet):
    def for_page(self):
        """What a condition's page and a self-check result show: its citations, its
        published guidance steps and its published return-to-run programme."""
        steps = GuidanceStep.objects.published()
        # The programme's title rides along in the conditions' own query: no extra query.
        programme = ReturnToRun.objects.published().filter(conditions=models.OuterRef("pk"))
        return (
            self.with_citations()
            .prefetch_related(models.Prefetch("guidance", queryset=steps))
            .annotate(return_to_run_title=models.Subquery(programme.values("title")[:1]))
        )


class PlainLineEndings(models.Model):
    """Store text with plain newlines: browsers send a textarea's lines with CRLF, which would
    make every save look like an edit of every text field in the history."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.TextField) and isinstance(value, str) and "\r" in value:
                setattr(self, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))
        super().save(*args, **kwargs)


class Seeded(PlainLineEndings):
    """Fields every seeded record carries.

    `seed_hash` is the fingerprint of the values as the seed last wrote them; the seed
    only updates a record whose current values still match it, so a coach's edit is
    never overwritten.
    """

    slug = models.SlugField(unique=True, help_text="Part of the page address; keep it stable.")
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Expert(Seeded):
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Study(Seeded):
    class Origin(models.TextChoices):
        ARTICLE = "article", "Cited by the seed article"
        EVIDENCE = "evidence", "Later research"

    citation = models.CharField(max_length=200, help_text="Short label, e.g. 'Buist et al., 2008'.")
    authors = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    journal = models.CharField(max_length=200, blank=True)
    population = models.CharField(max_length=200, blank=True, help_text="Who was studied.")
    finding = models.TextField(help_text="What the study found, in plain words.")
    figure = models.CharField(max_length=200, blank=True, help_text="The key number.")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EVIDENCE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["citation"]
        verbose_name_plural = "studies"

    def __str__(self):
        return self.citation


class Citation(PlainLineEndings):
    """One claim in a piece of content, attributed to an expert or a study."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    claim = models.TextField(help_text="The claim, in our words.")
    expert = models.ForeignKey(
        Expert, null=True, blank=True, on_delete=models.PROTECT, related_name="citations"
    )
    study = models.ForeignKey(
        Study, null=True, blank=True, on_delete=models.PROTECT, related_name="citations"
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(expert__isnull=False, study__isnull=True)
                    | models.Q(expert__isnull=True, study__isnull=False)
                ),
                name="citation_has_one_source",
            )
        ]

    def __str__(self):
        return self.claim[:60]

    @property
    def source(self):
        return self.expert or self.study


class Content(Seeded):
    """A piece of guidance with a draft state, attributed claims and a pending draft.

    `status` says whether the record is public at all. `pending_draft` holds a coach's
    unpublished edit of a published record (the form's values, by field name), so the live
    fields keep serving every page, result and tool until the coach publishes it
    (`kneecare/content/drafts.py`).
    """

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(default=0)
    pending_draft = models.JSONField(default=dict, blank=True, editable=False)
    citations = GenericRelation(Citation)

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def has_pending_draft(self):
        return bool(self.pending_draft)


class Exercise(Content):
    class Category(models.TextChoices):
        CORE = "core", "Core"
        HIP = "hip", "Hip"
        PLYOMETRIC = "plyometric", "Plyometric"
        HILL = "hill", "Hills"
        STRETCH = "stretch", "Stretch"
        STRENGTH = "strength", "Strength"
        RECOVERY = "recovery", "Recovery"

    class Stage(models.IntegerChoices):
        ANY_TIME = 0, "Any time"
        FOUNDATION = 1, "1. Hip and core foundation"
        PLYOMETRICS = 2, "2. Plyometrics"
        HILLS = 3, "3. Uphill sprints"

    name = models.CharField(max_length=120)
    category = models.CharField(max_length=12, choices=Category.choices)
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.ANY_TIME)
    how_to = models.TextField(help_text=MARKDOWN_HELP)
    dose = models.CharField(max_length=120, blank=True, help_text="e.g. '3 × 30 seconds'.")
    # A coach's picture in place of the line drawing shipped in static/ (re-encoded PNG,
    # kept in the database like clinic logos, left out of the history).
    drawing = models.BinaryField(blank=True, default=b"", editable=False)
    drawing_version = models.CharField(max_length=16, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["drawing", "drawing_version"])

    class Meta(Content.Meta):
        pass

    def __str__(self):
        return self.name


class GuidanceStep(Content):
    title = models.CharField(max_length=160)
    summary = models.TextField(help_text=MARKDOWN_HELP)
    body = models.TextField(help_text=MARKDOWN_HELP)
    history = HistoricalRecords()

    objects = GuidanceStepQuerySet.as_manager()

    class Meta(Content.Meta):
        verbose_name = "guidance step"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("content:guidance_detail", args=[self.slug])

    def figure(self, code):
        """The value of one key figure, for the tools that explain their numbers."""
        for key_figure in self.figures.all():
            if key_figure.code == code:
                return key_figure.value
        return None


class KeyFigure(models.Model):
    """A number a guidance step rests on, kept as data so tools and pages can use it."""

    step = models.ForeignKey(GuidanceStep, related_name="figures", on_delete=models.CASCADE)
    code = models.SlugField(max_length=60, help_text="Stable name read by the tools.")
    label = models.CharField(max_length=160)
    value = models.DecimalField(max_digits=9, decimal_places=2)
    unit = models.CharField(max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["step", "code"], name="unique_figure_code")]

    def __str__(self):
        return f"{self.label}: {plain_number(self.value)} {self.unit}".strip()


class Condition(Content):
    name = models.CharField(max_length=120)
    also_known_as = models.CharField(max_length=200, blank=True)
    urgency = models.CharField(
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.SELF_CARE,
        help_text="How soon a typical case should see a professional.",
    )
    summary = models.TextField(help_text=MARKDOWN_HELP)
    signs = models.TextField("typical signs", help_text=MARKDOWN_HELP)
    self_care = models.TextField("what to do", help_text=MARKDOWN_HELP)
    see_professional = models.TextField("when to see a professional", help_text=MARKDOWN_HELP)
    guidance = models.ManyToManyField(GuidanceStep, blank=True, related_name="conditions")
    exercises = models.ManyToManyField(Exercise, blank=True, related_name="conditions")
    history = HistoricalRecords(m2m_fields=[guidance, exercises])

    objects = ConditionQuerySet.as_manager()

    class Meta(Content.Meta):
        pass

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("content:condition_detail", args=[self.slug])


class ReturnToRun(Content):
    """The walk-run programme back to running after an overuse knee injury.

    Its phases and rules are records of their own (:class:`RunWalkPhase`,
    :class:`ReturnToRunRule`), published one by one; its sources are its citations.
    """

    title = models.CharField(max_length=160)
    summary = models.TextField(help_text=MARKDOWN_HELP)
    conditions = models.ManyToManyField(
        Condition,
        blank=True,
        related_name="return_to_run",
        help_text="The condition pages that link to this programme: overuse conditions.",
    )
    history = HistoricalRecords(m2m_fields=[conditions])

    class Meta(Content.Meta):
        verbose_name = "return-to-run programme"

    def __str__(self):
        return self.title


class RunWalkPhase(Content):
    """One phase of the walk-run programme, done at least ``sessions`` times."""

    name = models.CharField(max_length=60, help_text="e.g. 'Phase 1'.")
    effort = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(10)],
        help_text="How hard it should feel, out of 10 (rate of perceived exertion).",
    )
    walk_minutes = models.PositiveSmallIntegerField(
        help_text="Minutes of walking in each walk-run block; 0 when running throughout."
    )
    run_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Minutes of running in each block; leave empty to run the whole distance.",
    )
    distance_miles = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text="Total distance of the session in miles; km are worked out from it.",
    )
    sessions = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1)],
        help_text="How many sessions at least before moving on to the next phase.",
    )
    history = HistoricalRecords()

    class Meta(Content.Meta):
        verbose_name = "walk-run phase"

    def __str__(self):
        return self.name


class ReturnToRunRule(Content):
    """A rule for following the programme or for monitoring pain, with its source."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Following the programme"
        PAIN = "pain", "Pain monitoring"

    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField(help_text=MARKDOWN_HELP)
    history = HistoricalRecords()

    class Meta(Content.Meta):
        verbose_name = "return-to-run rule"

    def __str__(self):
        return self.title
