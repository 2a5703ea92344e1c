"""Clinics that send patients a branded link to the self-checks, and their anonymous counts.

A clinic's logo is stored in the database (bytes, content type and a version hash), not in
MEDIA_ROOT: production runs several app servers without a shared disk, and a logo is small
(at most 512 KB, checked on upload), so every server can serve it from the one database at
/c/<slug>/logo/?v=<version> with a year-long cache and an ETag. The bytes are left out of
the history, so a revert never brings back or wipes a logo.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kneecare.tools import TOOL_NAMES, TOOLS

TOOL_CHOICES = [(tool.name, tool.label) for tool in TOOLS]


def all_tools() -> list[str]:
    return list(TOOL_NAMES)


def validate_tools(value) -> None:
    if not isinstance(value, list) or not set(value) <= set(TOOL_NAMES):
        raise ValidationError(f"Choose among: {', '.join(TOOL_NAMES)}.")


class Clinic(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        unique=True,
        help_text="The end of the clinic's link, /c/slug/. Posters and leaflets print it: "
        "keep it stable.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Untick to retire the link: patients then see a page that sends them to "
        "the general self-check.",
    )
    message = models.TextField(
        "message to patients",
        max_length=400,
        blank=True,
        help_text="A short note shown on every page of the clinic's link. Plain text.",
    )
    urgent_advice = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown with the clinic's phone number when a result says to see a doctor "
        "today, e.g. 'We keep same-day slots for injuries: call and mention KneeCare.'",
    )
    tools = models.JSONField(
        "self-checks offered",
        default=all_tools,
        validators=[validate_tools],
        help_text="Only these are linked from the clinic's page; the others answer 'not found' "
        "under the clinic's link.",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^\+?[\d ()\-]+$", "Digits, spaces, +, - and brackets only.")],
        help_text="Shown as a call link beside urgent results.",
    )
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    logo_version = models.CharField(max_length=16, blank=True, editable=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="clinics",
        help_text="Accounts in the 'Clinic staff' group that may edit this clinic and see its "
        "counts.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["logo", "logo_type", "logo_version"], m2m_fields=[staff]
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The clinic's link, outside any clinic's own pages (the admin, the poster)."""
        return reverse("clinics:link", args=[self.slug], urlconf=settings.ROOT_URLCONF)

    def clean(self):
        if isinstance(self.tools, list):
            self.tools = [tool for tool in TOOL_NAMES if tool in self.tools]


def phone_uri(phone: str) -> str:
    """A tel: address: the digits and a leading plus, without the spacing people type.

    A "(0)" after a +country code is the trunk prefix dialled only from inside the country
    ("+44 (0)1234 567890"): the international number leaves it out.
    """
    if phone.lstrip().startswith("+"):
        phone = re.sub(r"\(\s*0\s*\)", "", phone)
    return "tel:" + re.sub(r"[^\d+]", "", phone)


class DailyCountQuerySet(models.QuerySet):
    def add_one(self, *, clinic_id: int, day, tool: str, urgency: str) -> None:
        """Count one completed check."""
        self.add(clinic_id=clinic_id, day=day, tool=tool, urgency=urgency, count=1)

    def add(self, *, clinic_id: int, day, tool: str, urgency: str, count: int) -> None:
        """Add `count` completed checks, atomically on PostgreSQL and SQLite alike.

        The common case is one UPDATE. The first check of a day inserts the row; when two
        requests race to insert it, the unique constraint turns one INSERT into an
        IntegrityError and that request adds its count with the UPDATE instead.
        """
        key = {"clinic_id": clinic_id, "day": day, "tool": tool, "urgency": urgency}
        if self.filter(**key).update(count=models.F("count") + count):
            return
        try:
            with transaction.atomic():
                self.create(**key, count=count)
        except IntegrityError:
            self.filter(**key).update(count=models.F("count") + count)


class DailyCount(models.Model):
    """How many self-checks were completed through a clinic's link on one day.

    Nothing else: no answers, no address, no identifier of the patient or the visit.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="daily_counts")
    day = models.DateField()
    tool = models.CharField(max_length=20, choices=TOOL_CHOICES)
    urgency = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "tool", "urgency"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "day", "tool", "urgency"], name="one_count_per_clinic_day_check"
            )
        ]

    def __str__(self):
        return f"{self.clinic_id} {self.day} {self.tool} {self.urgency}: {self.count}"


class FlushedCountBatch(models.Model):
    """A batch of counts buffered in Redis while the database was away, once it has been
    added to DailyCount (clinics/count_buffer.py): so a batch is never added twice."""

    id = models.CharField(primary_key=True, max_length=32)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.id} ({self.flushed_at:%Y-%m-%d %H:%M})"
