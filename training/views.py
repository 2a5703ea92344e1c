"""The training pages: a hub, four tools and the strength plan.

Each view reads its form, hands plain values to the pure modules (``mileage``, ``spike``,
``cadence``, ``shoes``, ``strength``) and renders; ``training.responses`` decides whether
that is the whole page or an htmx part, and caches whole pages.
"""

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_safe

from kneecare.content.models import Exercise
from kneecare.content.page_cache import cached_content_page, cached_fragment

from .cadence import cadence_advice, cadence_from
from .forms import (
    CadenceForm,
    RampPlanForm,
    ShoeForm,
    SpikeForm,
    StrengthSheetForm,
    WeeklyCheckForm,
)
from .guidance import guidance_step, published_exercises, strength_sources
from .mileage import RaceFit, format_distance, weekly_change
from .plan_chart import chart_layout, plan_bars
from .plan_export import plan_csv, plan_ics
from .race_plan import training_plan
from .responses import announce_check, cacheable, tool_response
from .shoes import WEAR_WINDOWS, shoe_verdict
from .spike import SPIKE_BANDS, spike_check
from .strength import strength_sheet

PLAN_FIELDS = ("current", "goal", "unit", "race_date", "start", "longest_run")
CHECK_FIELDS = ("last_week", "this_week")
# No field holds a longer value; anything longer is junk not worth carrying along.
CARRIED_LENGTH_MAX = 20
# The chart in SVG user units: about a phone's width, so its 11-unit labels stay legible
# there; more week labels than this under it would run into each other.
CHART_WIDTH, CHART_HEIGHT = 400, 220
MAX_WEEK_LABELS = 12


def explained_by(slug):
    """The key figures and citations of the guidance step that explains a tool's numbers,
    rendered once for each content generation (``sources``, empty while it is unpublished)."""

    def render():
        step = guidance_step(slug)
        if step is None:
            return ""
        return render_to_string(
            "training/_sources.html",
            {
                "title": step.title,
                "url": step.get_absolute_url(),
                "figures": step.figures.all(),
                "citations": step.citations.all(),
            },
        )

    return lambda: {"sources": cached_fragment(f"training:sources:{slug}", render)}


def carried(query, names):
    """The other form's values, carried as hidden inputs so one address holds both forms."""
    return [
        (name, query[name])
        for name in names
        if query.get(name) and len(query[name]) <= CARRIED_LENGTH_MAX
    ]


@require_GET
@cached_content_page
def index(request):
    return render(request, "training/index.html")


@require_GET
def mileage(request):
    plan_form = RampPlanForm.from_query(request.GET)
    check_form = WeeklyCheckForm.from_query(request.GET)
    context = {
        "plan_form": plan_form,
        "check_form": check_form,
        "plan_carry": carried(request.GET, PLAN_FIELDS),
        "check_carry": carried(request.GET, CHECK_FIELDS),
    }
    planned = plan_form.is_bound and plan_form.is_valid()
    checked = check_form.is_bound and check_form.is_valid()
    if checked:
        data = check_form.cleaned_data
        context["check_unit"] = data["unit"]
        context["change"] = weekly_change(last_week=data["last_week"], this_week=data["this_week"])
    if planned or checked:
        announce_check(request, "mileage")
    address = planner_address(request, plan_form, check_form)
    return tool_response(
        request,
        "training/mileage.html",
        context,
        explanation=explained_by("mileage"),
        # The plan is worked out only for a page rendered, not for one from the cache.
        answer=(lambda: plan_context(**plan_form.cleaned_data)) if planned else dict,
        cacheable=address is not None,
        cache_address=address,
    )


def canonical(value):
    """How the planner's page writes a cleaned value back into its addresses and fields."""
    if isinstance(value, Decimal):
        return format_distance(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def planner_address(request, *forms):
    """The planner page's cache entry, or None when the page is not to be cached.

    An empty start means the coming Monday, and a race date and a start are checked against
    today, so the entry holds today's date. The page shows each value back as it was typed,
    so only a query with every value in its one canonical spelling (or empty) is cached,
    each under its path, names in order, and the date: however many ways there are to
    write a value, each plan has one entry, and made-up queries are answered afresh.
    """
    if not cacheable(request, *forms):
        return None
    values = []
    for name, raw in sorted(request.GET.items()):
        bound = [form for form in forms if form.is_bound and name in form.fields]
        if not bound:
            return None
        if raw and any(canonical(form.cleaned_data[name]) != raw for form in bound):
            return None
        values.append((name, raw))
    return f"{request.path}?{urlencode(values)}@{timezone.localdate().isoformat()}"


def plan_context(*, current, goal, unit, race_date, start, longest_run):
    dated = training_plan(
        current=current, goal=goal, start=start, race_date=race_date, longest_run=longest_run
    )
    plan = dated.weeks
    chart = plan_bars(current=current, plan=plan, width=CHART_WIDTH, height=CHART_HEIGHT)
    fit = None
    if race_date:
        fit = RaceFit(
            weeks_needed=dated.weeks_needed,
            weeks_left=dated.weeks_available,
            fits=dated.reaches_goal,
        )
    query = {"current": format_distance(current), "goal": format_distance(goal), "unit": unit}
    query["start"] = start.isoformat()
    if race_date:
        query["race_date"] = race_date.isoformat()
    if longest_run:
        query["longest_run"] = format_distance(longest_run)
    return {
        "plan": plan,
        "dated": dated,
        # A race today or tomorrow leaves no time for any build at all: said plainly.
        "days_to_race": (race_date - timezone.localdate()).days if race_date else None,
        "plan_unit": unit,
        "current": current,
        "goal": goal,
        "recovery_weeks": [week.week for week in plan if week.is_recovery],
        "taper_weeks": [week for week in plan if week.phase in ("taper", "race")],
        "chart": chart,
        "chart_layout": chart_layout(chart, max_labels=MAX_WEEK_LABELS),
        "race_date": race_date,
        "fit": fit,
        "export_query": urlencode(query),
    }


def exported_plan(request):
    """The dated plan for an export address, or None when its values are not valid."""
    form = RampPlanForm(request.GET)
    if not form.is_valid():
        return None, None
    data = form.cleaned_data
    unit = data.pop("unit")
    return training_plan(**data), unit


def back_to_planner(request):
    """Invalid export values: the planner shows what is wrong, beside each field."""
    return redirect(f"{reverse('training:mileage')}?{request.GET.urlencode()}")


def download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def mileage_csv(request):
    plan, unit = exported_plan(request)
    if plan is None:
        return back_to_planner(request)
    return download(
        plan_csv(plan=plan.weeks, unit=unit),
        content_type="text/csv; charset=utf-8",
        filename="kneecare-mileage-plan.csv",
    )


@require_safe
def mileage_ics(request):
    """One all-day event a week from the plan's start (the coming Monday unless the address
    gives one), and race day."""
    plan, unit = exported_plan(request)
    if plan is None:
        return back_to_planner(request)
    calendar = plan_ics(
        plan=plan.weeks,
        unit=unit,
        start=plan.start,
        race_date=plan.race_date,
        uid_domain=request.get_host().partition(":")[0],
        now=timezone.now(),
    )
    return download(
        calendar,
        content_type="text/calendar; charset=utf-8",
        filename="kneecare-mileage-plan.ics",
    )


@require_GET
def spike(request):
    form = SpikeForm.from_query(request.GET)
    context = {"form": form, "bands": SPIKE_BANDS}
    if form.is_bound and form.is_valid():
        longest_30d, planned = form.cleaned_data["longest_30d"], form.cleaned_data["planned"]
        context.update(
            check=spike_check(longest_30d=longest_30d, planned=planned),
            unit=form.cleaned_data["unit"],
            longest_30d=longest_30d,
            planned=planned,
        )
        announce_check(request, "spike")
    return tool_response(
        request,
        "training/spike.html",
        context,
        explanation=explained_by("mileage"),
        cacheable=cacheable(request, form),
    )


@require_GET
def cadence(request):
    form = CadenceForm.from_query(request.GET)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        spm = cadence_from(**form.cleaned_data)
        context.update(advice=cadence_advice(spm=spm), counted=form.cleaned_data["foot_strikes"])
        announce_check(request, "cadence")
    return tool_response(
        request,
        "training/cadence.html",
        context,
        explanation=explained_by("cadence"),
        cacheable=cacheable(request, form),
    )


@require_GET
def shoes(request):
    form = ShoeForm.from_query(request.GET)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        unit = form.cleaned_data["unit"]
        context.update(
            verdict=shoe_verdict(**form.cleaned_data), window=WEAR_WINDOWS[unit], unit=unit
        )
        announce_check(request, "shoes")
    return tool_response(
        request,
        "training/shoes.html",
        context,
        # The page shows the whole step, summary and body too, so it takes the step itself.
        explanation=lambda: {"step": guidance_step("footwear")},
        cacheable=cacheable(request, form),
    )


@require_GET
def strength(request):
    form = StrengthSheetForm.from_query(request.GET)
    exercises = published_exercises()
    context = {"form": form, "stages": stages(exercises)}
    if not form.is_bound:
        context.update(sheet_context(exercises, weeks=12, sessions=2))
    elif form.is_valid():
        context.update(sheet_context(exercises, **form.cleaned_data))

    def explanation():
        figures, plan_citations = strength_sources(exercises)
        return {"figures": figures, "plan_citations": plan_citations}

    return tool_response(
        request,
        "training/strength.html",
        context,
        explanation=explanation,
        cacheable=cacheable(request, form),
    )


def stages(exercises):
    """The exercises by stage, 1 to 3 in order, then those for any time."""
    order = [*Exercise.Stage.values[1:], Exercise.Stage.ANY_TIME]
    groups = [
        (Exercise.Stage(stage), [exercise for exercise in exercises if exercise.stage == stage])
        for stage in order
    ]
    return [(stage, members) for stage, members in groups if members]


def sheet_context(exercises, *, weeks, sessions):
    sheet = strength_sheet(weeks=weeks, sessions=sessions)
    on_sheet = {row.stage for row in sheet}
    return {
        "sheet": [(row, Exercise.Stage(row.stage)) for row in sheet],
        "sheet_stages": [
            (stage, members) for stage, members in stages(exercises) if stage in on_sheet
        ],
        "session_numbers": range(1, sessions + 1),
    }
