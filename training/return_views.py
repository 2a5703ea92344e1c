"""The return-to-running page: a dated walk-run schedule, printable and as a calendar,
and a check after each session. The phases and rules are content a coach edits; the dates
and the after-session verdict come from :mod:`training.return_to_run`."""

from decimal import Decimal
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_safe

from kneecare.content.models import ReturnToRun, ReturnToRunRule, RunWalkPhase

from .forms import AfterRunForm, ReturnToRunForm
from .plan_export import return_to_run_ics
from .responses import announce_check, cacheable, tool_response
from .return_to_run import Phase, after_session, schedule
from .views import download

KM_PER_MILE = Decimal("1.609344")


def phases_in(unit, records):
    """The coach's phases as plain values, their distances in ``unit`` (to 0.1 km)."""
    return tuple(
        Phase(
            number=number,
            effort=record.effort,
            walk_minutes=record.walk_minutes,
            run_minutes=record.run_minutes,
            distance=(
                record.distance_miles
                if unit == "mi"
                else (record.distance_miles * KM_PER_MILE).quantize(Decimal("0.1"))
            ),
            sessions=record.sessions,
        )
        for number, record in enumerate(records, start=1)
    )


def published_phases():
    return list(RunWalkPhase.objects.published())


def schedule_for(form):
    """The schedule for valid form values, or the default one for a blank form."""
    if form.is_bound and not form.is_valid():
        return None, None
    data = form.cleaned_data if form.is_bound else None
    if data is None:
        bound = ReturnToRunForm({"days_between": "2"})
        bound.is_valid()
        data = bound.cleaned_data
    phases = phases_in(data["unit"], published_phases())
    return schedule(phases=phases, start=data["start"], days_between=data["days_between"]), data


@require_GET
def return_to_run(request):
    form = ReturnToRunForm.from_query(request.GET)
    after_form = AfterRunForm.from_query(request.GET)
    sessions, data = schedule_for(form)
    context = {"form": form, "after_form": after_form, "sessions": sessions}
    if data is not None:
        context.update(unit=data["unit"], export_query=export_query(data))
    if after_form.is_bound and after_form.is_valid():
        answers = after_form.cleaned_data
        context["after"] = after_session(
            pain_during=answers["pain_during"],
            settled_by_morning=answers["settled"],
            swelling=answers["swelling"],
            stiffness=answers["stiffness"],
        )
    if (form.is_bound and data is not None) or "after" in context:
        announce_check(request, "return_to_run")

    def explanation():
        programme = (
            ReturnToRun.objects.published()
            .prefetch_related("citations__expert", "citations__study")
            .first()
        )
        rules = list(
            ReturnToRunRule.objects.published().prefetch_related(
                "citations__expert", "citations__study"
            )
        )
        return {"programme": programme, "rules": rules}

    return tool_response(
        request,
        "training/return_to_run.html",
        context,
        explanation=explanation,
        # The default start is tomorrow: only a schedule with its own start may be cached.
        cacheable=cacheable(request, form, after_form) and bool(request.GET.get("start")),
    )


def export_query(data):
    return urlencode(
        {
            "start": data["start"].isoformat(),
            "days_between": data["days_between"],
            "unit": data["unit"],
        }
    )


@require_safe
def return_to_run_ics_view(request):
    form = ReturnToRunForm(request.GET)
    if not form.is_valid():
        return redirect(f"{reverse('training:return_to_run')}?{request.GET.urlencode()}")
    sessions, data = schedule_for(form)
    calendar = return_to_run_ics(
        sessions=sessions,
        unit=data["unit"],
        uid_domain=request.get_host().partition(":")[0],
        now=timezone.now(),
    )
    return download(
        calendar, content_type="text/calendar; charset=utf-8", filename="kneecare-return-to-run.ics"
    )
