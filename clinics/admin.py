"""Clinics in the admin: superusers manage every clinic; clinic staff see only their own.

Clinic staff (the "Clinic staff" group, linked to a clinic through `Clinic.staff`) may edit
what patients see: name, message, urgent advice, offered checks, logo and contact details.
They may not change the slug (printed posters carry the link), switch the link on or off,
or change who the staff are; nor revert a version from the history, which would restore
those fields too. Each view narrows to the user's clinics, and each permission check with
an object asks whether the user belongs to that clinic.
"""

import csv
from datetime import timedelta

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kneecare.tools import TOOL_NAMES, TOOLS
from kneecare.urgency import URGENCY_LEVELS

from .count_buffer import flush_if_pending
from .forms import ClinicForm
from .models import Clinic
from .poster import clinic_qr, qr_svg, qr_svg_file
from .roles import CLINIC_STAFF
from .summary import PERIODS, count_summary, fold_quiet_days
from .usage import bar_chart, count_table

COUNT_DAYS = 30
STAFF_READ_ONLY = ["slug", "active", "staff"]


def manages_all_clinics(user) -> bool:
    return user.is_superuser


@admin.register(Clinic)
class ClinicAdmin(SimpleHistoryAdmin):
    form = ClinicForm
    list_display = ["name", "slug", "active", "offered_checks", "updated_at"]
    list_filter = ["active"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["staff"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "link", "active"]}),
        ("What patients see", {"fields": ["message", "tools", "urgent_advice"]}),
        ("Logo", {"fields": ["logo_preview", "logo_upload", "remove_logo"]}),
        ("Contact", {"fields": ["phone", "website", "address"]}),
        ("Staff", {"fields": ["staff"]}),
    ]

    # Who sees which clinic.

    def get_queryset(self, request):
        clinics = super().get_queryset(request)
        if manages_all_clinics(request.user):
            return clinics
        return clinics.filter(staff=request.user)

    def serves(self, request, clinic) -> bool:
        if clinic is None or manages_all_clinics(request.user):
            return True
        return Clinic.objects.filter(pk=clinic.pk, staff=request.user).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.serves(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.serves(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.serves(request, obj)

    def has_change_history_permission(self, request, obj=None):
        return manages_all_clinics(request.user) and super().has_change_history_permission(
            request, obj
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history checks only view-or-change before saving a revert.
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # What staff may change.

    def get_readonly_fields(self, request, obj=None):
        fields = ["link", "logo_preview"]
        if not manages_all_clinics(request.user):
            fields += STAFF_READ_ONLY
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        # Not a class attribute: simple-history's version view reads that one directly,
        # and the slug is not on the form there for staff.
        return {"slug": ["name"]} if manages_all_clinics(request.user) else {}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "staff":
            kwargs["queryset"] = get_user_model().objects.filter(groups__name=CLINIC_STAFF)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # Columns and read-only fields.

    @admin.display(description="Self-checks offered")
    def offered_checks(self, clinic):
        return ", ".join(tool.label for tool in TOOLS if tool.name in clinic.tools) or "none"

    @admin.display(description="Link")
    def link(self, clinic):
        if clinic.pk is None:
            return "Saved with the clinic."
        url = clinic.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description="Current logo")
    def logo_preview(self, clinic):
        if not clinic.logo_version:
            return "No logo."
        url = reverse("clinics:logo", args=[clinic.slug]) + f"?v={clinic.logo_version}"
        return format_html('<img class="clinic-logo-preview" src="{}" alt="" height="64">', url)

    # The poster and the counts.

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/poster/", view(self.poster_view), name=f"{prefix}_poster"),
            path("<path:object_id>/poster/qr.svg", view(self.qr_view), name=f"{prefix}_qr"),
            path("<path:object_id>/counts/", view(self.counts_view), name=f"{prefix}_counts"),
            path(
                "<path:object_id>/counts.csv",
                view(self.counts_csv_view),
                name=f"{prefix}_counts_csv",
            ),
            *super().get_urls(),
        ]

    def clinic_or_404(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        clinic = self.get_object(request, unquote(object_id))
        if clinic is None:
            raise Http404("No such clinic.")
        if not self.has_view_permission(request, clinic):
            raise PermissionDenied
        return clinic

    def poster_qr(self, request, clinic):
        link = request.build_absolute_uri(clinic.get_absolute_url())
        return link, clinic_qr(link), f"QR code for {link}"

    def poster_view(self, request, object_id):
        """A printable poster: the clinic's name and its link as a QR code."""
        clinic = self.clinic_or_404(request, object_id)
        link, code, title = self.poster_qr(request, clinic)
        context = {
            "clinic": clinic,
            "link": link,
            "qr_svg": qr_svg(code, title=title),
            "tools": [tool.label for tool in TOOLS if tool.name in clinic.tools],
            "change_url": reverse("admin:clinics_clinic_change", args=[clinic.pk]),
        }
        return TemplateResponse(request, "clinics/poster.html", context)

    def qr_view(self, request, object_id):
        clinic = self.clinic_or_404(request, object_id)
        _, code, title = self.poster_qr(request, clinic)
        response = HttpResponse(qr_svg_file(code, title=title), content_type="image/svg+xml")
        response["Content-Disposition"] = f'attachment; filename="kneecare-{clinic.slug}-qr.svg"'
        return response

    def recent_counts(self, clinic, today):
        """The clinic's (day, tool, urgency, count) rows of the longest summary period."""
        # Counts buffered during a database outage are added first, so none is missing.
        flush_if_pending()
        first_day = today - timedelta(days=max(PERIODS) - 1)
        return list(
            clinic.daily_counts.filter(day__gte=first_day, day__lte=today).values_list(
                "day", "tool", "urgency", "count"
            )
        )

    def counts_view(self, request, object_id):
        """Totals by tool and urgency over 7, 30 and 90 days; the last 30 days as a bar chart
        and a table in which days without checks are folded."""
        clinic = self.clinic_or_404(request, object_id)
        today = timezone.localdate()
        rows = self.recent_counts(clinic, today)
        counted = {tool for _, tool, _, _ in rows}
        shown = [tool for tool in TOOLS if tool.name in clinic.tools or tool.name in counted]
        summary = count_summary(
            rows, last_day=today, tools=[(tool.name, tool.urgency_levels) for tool in shown]
        )
        labels = {tool.name: tool.label for tool in TOOLS}
        table = count_table(
            rows, last_day=today, days=COUNT_DAYS, tools=TOOL_NAMES, urgencies=[*URGENCY_LEVELS, ""]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": clinic,
            "title": f"Completed self-checks: {clinic}",
            "days": COUNT_DAYS,
            "summary": summary,
            "summary_lines": [(labels.get(line.tool, line.tool), line) for line in summary.lines],
            "table": table,
            "table_rows": fold_quiet_days(table.rows),
            "chart": bar_chart(table),
        }
        return TemplateResponse(request, "admin/clinics/clinic/counts.html", context)

    def counts_csv_view(self, request, object_id):
        """The last 90 days of counts as CSV: day, tool, urgency, count. Counts only."""
        clinic = self.clinic_or_404(request, object_id)
        today = timezone.localdate()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="kneecare-{clinic.slug}-counts-{today.isoformat()}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(["day", "tool", "urgency", "count"])
        for day, tool, urgency, count in sorted(
            self.recent_counts(clinic, today),
            key=lambda row: (row[0], row[1], row[2]),
            reverse=True,
        ):
            writer.writerow([day.isoformat(), tool, urgency, count])
        return response
