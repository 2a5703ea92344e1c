"""The training tools' forms: bad input gets a clear message on its field, never an
exception, and a first visit is a blank form."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from training.cadence import cadence_advice, cadence_from
from training.forms import (
    CadenceForm,
    RampPlanForm,
    ShoeForm,
    SpikeForm,
    StrengthSheetForm,
    WeeklyCheckForm,
)
from training.mileage import ramp_plan, weekly_change
from training.race_plan import coming_monday
from training.shoes import shoe_verdict
from training.spike import spike_check

JUNK = "<script>alert(1)</script>" + "x" * 5000


def bound(form_class, query):
    form = form_class.from_query(QueryDict(query))
    assert form.is_bound
    return form


def errors(form_class, query):
    form = bound(form_class, query)
    assert not form.is_valid()
    return form.errors


class TestBinding:
    @pytest.mark.parametrize(
        "form_class", [RampPlanForm, WeeklyCheckForm, SpikeForm, CadenceForm, ShoeForm]
    )
    def test_it_is_blank_on_a_first_visit(self, form_class):
        form = form_class.from_query(QueryDict(""))
        assert not form.is_bound
        assert form.errors == {}

    def test_it_stays_blank_with_only_a_unit_and_keeps_that_unit(self):
        form = RampPlanForm.from_query(QueryDict("unit=mi"))
        assert not form.is_bound
        assert form["unit"].value() == "mi"

    def test_it_ignores_an_unknown_unit_on_a_blank_form(self):
        form = SpikeForm.from_query(QueryDict("unit=furlongs"))
        assert form["unit"].value() == "km"

    def test_it_binds_the_planner_and_the_quick_check_only_to_their_own_fields(self):
        query = QueryDict("last_week=20&this_week=21&unit=km")
        assert not RampPlanForm.from_query(query).is_bound
        assert WeeklyCheckForm.from_query(query).is_bound

    def test_it_binds_an_empty_submit_and_asks_for_the_values(self):
        form_errors = errors(RampPlanForm, "current=&goal=&unit=km&race_date=")
        assert form_errors["current"] == ["Enter a distance."]
        assert form_errors["goal"] == ["Enter a distance."]


class TestRampPlanForm:
    def test_it_converts_valid_values(self):
        form = bound(RampPlanForm, "current=20&goal=30.5&unit=mi")
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {
            "current": Decimal("20"),
            "goal": Decimal("30.5"),
            "unit": "mi",
            "race_date": None,
            "start": coming_monday(timezone.localdate()),
            "longest_run": None,
        }

    def test_it_takes_a_start_and_a_longest_run(self):
        start = timezone.localdate() + timedelta(days=3)
        form = bound(RampPlanForm, f"current=20&goal=30&start={start}&longest_run=9.5")
        assert form.is_valid(), form.errors
        assert (form.cleaned_data["start"], form.cleaned_data["longest_run"]) == (
            start,
            Decimal("9.5"),
        )

    @pytest.mark.parametrize("days", [-7, 400])
    def test_it_refuses_a_start_long_ago_or_far_ahead(self, days):
        start = timezone.localdate() + timedelta(days=days)
        form = bound(RampPlanForm, f"current=20&goal=30&start={start}")
        assert "Start within the last 6 days or the coming year." in form.errors["start"]

    def test_it_refuses_a_race_more_than_two_years_away(self):
        race = timezone.localdate() + timedelta(days=800)
        form = bound(RampPlanForm, f"current=20&goal=30&race_date={race}")
        assert "Choose a race within the next two years." in form.errors["race_date"]

    def test_it_refuses_an_impossible_longest_run(self):
        form = bound(RampPlanForm, "current=20&goal=30&longest_run=300")
        assert "longest_run" in form.errors

    def test_it_defaults_to_km(self):
        form = bound(RampPlanForm, "current=20&goal=30")
        assert form.is_valid()
        assert form.cleaned_data["unit"] == "km"

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("current=0&goal=30", "current", "Enter a distance above zero."),
            ("current=-5&goal=30", "current", "Enter a distance above zero."),
            ("current=0.5&goal=30", "current", "Enter at least 1 km."),
            ("current=20&goal=10000", "goal", "That is more than 500 km a week: check the number."),
            ("current=10000&goal=20000", "current", "That is more than 500 km a week"),
            ("current=20&goal=311&unit=mi", "goal", "That is more than 310 miles a week"),
            ("current=abc&goal=30", "current", "Enter a number, like 25 or 12.5."),
            ("current=NaN&goal=30", "current", "Enter a number"),
            ("current=Infinity&goal=30", "current", "Enter a number"),
            ("current=20.123&goal=30", "current", "no more than 2 decimal places"),
            ("goal=30", "current", "Enter a distance."),
            ("current=20", "goal", "Enter a distance."),
            ("current=20&goal=30&unit=furlongs", "unit", "Choose km or miles."),
            ("current=30&goal=20", "goal", "Your goal must be above your weekly distance now"),
            ("current=30&goal=30", "goal", "Your goal must be above your weekly distance now"),
            ("current=20&goal=30&race_date=2020-01-01", "race_date", "That date has passed"),
            (
                "current=20&goal=30&race_date=04/10/2026",
                "race_date",
                "Enter a date as year-month-day",
            ),
            (
                "current=20&goal=30&race_date=2026-02-30",
                "race_date",
                "Enter a date as year-month-day",
            ),
            ("current=20&current=25&goal=30", "current", "This was given more than once"),
            ("current=20&goal=30&unit=km&unit=mi", "unit", "This was given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(RampPlanForm, query)
        assert any(message in error for error in form_errors[field]), form_errors

    def test_it_keeps_the_other_values(self):
        race = f"{timezone.localdate() + timedelta(days=300):%Y-%m-%d}"
        form = bound(RampPlanForm, f"current=20&goal=abc&unit=mi&race_date={race}")
        assert not form.is_valid()
        assert set(form.errors) == {"goal"}
        assert form["current"].value() == "20"
        assert form["unit"].value() == "mi"
        assert form["race_date"].value() == race

    def test_it_accepts_a_race_today(self):
        today = timezone.localdate()
        form = bound(RampPlanForm, f"current=20&goal=30&race_date={today:%Y-%m-%d}")
        assert form.is_valid(), form.errors

    def test_it_refuses_yesterday(self):
        yesterday = timezone.localdate() - timedelta(days=1)
        assert "race_date" in errors(RampPlanForm, f"current=20&goal=30&race_date={yesterday}")

    def test_it_never_repeats_junk_in_a_message_or_a_box(self):
        form = bound(RampPlanForm, f"current={JUNK}&goal=30&race_date={JUNK}&unit={JUNK}")
        assert not form.is_valid()
        messages = " ".join(str(error) for field in form.errors.values() for error in field)
        assert "script" not in messages
        html = str(form["current"]) + str(form["race_date"])
        assert "script" not in html
        assert 'value="' not in html


class TestWeeklyCheckForm:
    def test_it_converts_valid_values(self):
        form = bound(WeeklyCheckForm, "last_week=20&this_week=23&unit=km")
        assert form.is_valid()
        assert form.cleaned_data["this_week"] == Decimal(23)

    def test_it_accepts_a_week_off(self):
        assert bound(WeeklyCheckForm, "last_week=20&this_week=0").is_valid()

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("last_week=0&this_week=10", "last_week", "Enter a distance above zero."),
            ("last_week=20&this_week=-1", "this_week", "Enter a distance of zero or more."),
            ("last_week=20&this_week=600", "this_week", "more than 500 km a week"),
            ("last_week=20&this_week=320&unit=mi", "this_week", "more than 310 miles a week"),
            ("last_week=x&this_week=10", "last_week", "Enter a number"),
            ("this_week=10", "last_week", "Enter a distance."),
            ("last_week=20&this_week=22&unit=leagues", "unit", "Choose km or miles."),
            ("last_week=20&last_week=21&this_week=22", "last_week", "given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(WeeklyCheckForm, query)
        assert any(message in error for error in form_errors[field]), form_errors


class TestSpikeForm:
    def test_it_converts_valid_values(self):
        form = bound(SpikeForm, "longest_30d=12&planned=16&unit=km")
        assert form.is_valid()
        assert form.cleaned_data["planned"] == Decimal(16)

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("longest_30d=0&planned=16", "longest_30d", "Enter a distance above zero."),
            ("longest_30d=12&planned=-3", "planned", "Enter a distance above zero."),
            ("longest_30d=12&planned=0", "planned", "Enter a distance above zero."),
            ("longest_30d=12&planned=1000", "planned", "more than 250 km in one run"),
            ("longest_30d=12&planned=160&unit=mi", "planned", "more than 155 miles in one run"),
            ("longest_30d=twelve&planned=16", "longest_30d", "Enter a number"),
            ("planned=16", "longest_30d", "Enter a distance."),
            ("longest_30d=12&planned=16&unit=m", "unit", "Choose km or miles."),
            ("longest_30d=12&planned=16&planned=20", "planned", "given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(SpikeForm, query)
        assert any(message in error for error in form_errors[field]), form_errors


class TestCadenceForm:
    def test_it_takes_a_count_of_one_foot(self):
        form = bound(CadenceForm, "foot_strikes=78")
        assert form.is_valid()
        assert form.cleaned_data == {"foot_strikes": 78, "spm": None}

    def test_it_takes_steps_per_minute(self):
        form = bound(CadenceForm, "spm=172&foot_strikes=")
        assert form.is_valid()
        assert form.cleaned_data == {"foot_strikes": None, "spm": 172}

    def test_it_asks_for_one_of_the_two(self):
        form = bound(CadenceForm, "foot_strikes=&spm=")
        assert not form.is_valid()
        assert "Count one foot for 60 seconds" in form.non_field_errors()[0]

    def test_it_refuses_both(self):
        assert "Give one of the two" in errors(CadenceForm, "foot_strikes=80&spm=160")["spm"][0]

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("foot_strikes=0", "foot_strikes", "Enter a count from 50 to 125"),
            ("foot_strikes=-80", "foot_strikes", "Enter a count from 50 to 125"),
            ("foot_strikes=1000", "foot_strikes", "Enter a count from 50 to 125"),
            ("spm=40", "spm", "Enter 100 to 250 steps a minute"),
            ("spm=10000", "spm", "Enter 100 to 250 steps a minute"),
            ("foot_strikes=80.5", "foot_strikes", "Enter a whole number"),
            ("spm=fast", "spm", "Enter a whole number"),
            ("foot_strikes=80&foot_strikes=81", "foot_strikes", "given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(CadenceForm, query)
        assert any(message in error for error in form_errors[field]), form_errors


class TestShoeForm:
    def test_it_converts_the_ticked_signs(self):
        form = bound(ShoeForm, "distance=350&unit=mi&tread_worn=on&knee_pain=on")
        assert form.is_valid()
        assert form.cleaned_data == {
            "distance": Decimal(350),
            "unit": "mi",
            "tread_worn": True,
            "midsole_creases": False,
            "flexes_easily": False,
            "knee_pain": True,
        }

    def test_it_accepts_a_new_pair(self):
        assert bound(ShoeForm, "distance=0").is_valid()

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("distance=-10", "distance", "Enter a distance of zero or more."),
            ("distance=50000", "distance", "more than 5000 km in one pair"),
            ("distance=4000&unit=mi", "distance", "more than 3100 miles in one pair"),
            ("distance=lots", "distance", "Enter a number"),
            ("tread_worn=on", "distance", "Enter a distance."),
            ("distance=100&unit=yards", "unit", "Choose km or miles."),
            ("distance=100&distance=200", "distance", "given more than once"),
            ("distance=100&tread_worn=on&tread_worn=on", "tread_worn", "given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(ShoeForm, query)
        assert any(message in error for error in form_errors[field]), form_errors

    def test_it_explains_how_to_inspect_each_sign(self):
        form = ShoeForm()
        for name in ("tread_worn", "midsole_creases", "flexes_easily"):
            assert form.fields[name].help_text


class TestStrengthSheetForm:
    def test_it_converts_the_choices(self):
        form = bound(StrengthSheetForm, "weeks=10&sessions=1")
        assert form.is_valid()
        assert form.cleaned_data == {"weeks": 10, "sessions": 1}

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("weeks=7&sessions=2", "weeks", "Choose 8 to 12 weeks."),
            ("weeks=52&sessions=2", "weeks", "Choose 8 to 12 weeks."),
            ("weeks=ten&sessions=2", "weeks", "Choose 8 to 12 weeks."),
            ("weeks=10&sessions=3", "sessions", "Choose once or twice a week."),
            ("weeks=10&sessions=0", "sessions", "Choose once or twice a week."),
            ("sessions=2", "weeks", "Choose 8 to 12 weeks."),
            ("weeks=10&weeks=12&sessions=2", "weeks", "given more than once"),
        ],
    )
    def test_it_explains_bad_input_beside_the_field(self, query, field, message):
        form_errors = errors(StrengthSheetForm, query)
        assert any(message in error for error in form_errors[field]), form_errors


# Anything a query string could hold, for the fields of every form.
values = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**6), 10**6).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["km", "mi", "on", "", "1e9", "-0", "2026-02-29", "9999-12-31"]),
)


def queries(names):
    return st.dictionaries(st.sampled_from(names), st.lists(values, min_size=1, max_size=2))


def as_query(params):
    query = QueryDict(mutable=True)
    for name, items in params.items():
        query.setlist(name, items)
    return query


class TestNeverAnException:
    """Whatever the query holds, the form answers, and a valid form is one the pure
    modules accept: so a view can never fail with a 500 on input."""

    @settings(max_examples=200, deadline=None)
    @given(queries(["current", "goal", "unit", "race_date"]))
    def test_the_planner(self, params):
        form = RampPlanForm.from_query(as_query(params))
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            assert ramp_plan(current=data["current"], goal=data["goal"])

    @settings(max_examples=200, deadline=None)
    @given(queries(["last_week", "this_week", "unit"]))
    def test_the_quick_check(self, params):
        form = WeeklyCheckForm.from_query(as_query(params))
        if form.is_bound and form.is_valid():
            weekly_change(
                last_week=form.cleaned_data["last_week"], this_week=form.cleaned_data["this_week"]
            )

    @settings(max_examples=200, deadline=None)
    @given(queries(["longest_30d", "planned", "unit"]))
    def test_the_spike_check(self, params):
        form = SpikeForm.from_query(as_query(params))
        if form.is_bound and form.is_valid():
            spike_check(
                longest_30d=form.cleaned_data["longest_30d"], planned=form.cleaned_data["planned"]
            )

    @settings(max_examples=200, deadline=None)
    @given(queries(["foot_strikes", "spm"]))
    def test_the_cadence_coach(self, params):
        form = CadenceForm.from_query(as_query(params))
        if form.is_bound and form.is_valid():
            cadence_advice(spm=cadence_from(**form.cleaned_data))

    @settings(max_examples=200, deadline=None)
    @given(queries(["distance", "unit", "tread_worn", "knee_pain"]))
    def test_the_shoe_check(self, params):
        form = ShoeForm.from_query(as_query(params))
        if form.is_bound and form.is_valid():
            shoe_verdict(**form.cleaned_data)
