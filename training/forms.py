"""Forms for the training tools: they check and convert what a runner typed, nothing more.

Every tool is a GET form, so its fields are the query string of a shareable address. A
form is bound only when the query holds one of its own fields (``submitted_by``): a first
visit, or a query that only names the unit, shows the blank form without errors.

Sane limits, so a typo gets a message instead of a nonsense plan:

- a week: at most 500 km or 310 mi (about 70 km a day, more than elite runners train);
- one run: at most 250 km or 155 mi (longer than the Spartathlon, 246 km);
- a pair of shoes: at most 5,000 km or 3,100 mi (five times the top of the 300-600 mi
  replacement window);
- the planner starts from at least 1 km or 1 mi a week, which keeps the longest plan
  (1 to 500 km) near two years instead of four;
- cadence: 100 to 250 steps a minute (50 to 125 landings of one foot); runners land
  somewhere around 140 to 200.

Messages never repeat what was typed, however long or strange it is.
"""

import re
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone

from kneecare.forms import NumberBox, refuse_repeated_answers

from .race_plan import coming_monday

UNIT_CHOICES = [("km", "km"), ("mi", "miles")]
DEFAULT_UNIT = "km"
UNIT_NAMES = {"km": "km", "mi": "miles"}

WEEK_MAX = {"km": Decimal(500), "mi": Decimal(310)}
RUN_MAX = {"km": Decimal(250), "mi": Decimal(155)}
SHOE_MAX = {"km": Decimal(5000), "mi": Decimal(3100)}
PLAN_START_MIN = Decimal(1)
# A shared plan keeps working for the rest of the week it started in.
START_PAST_DAYS = 6
RACE_DAYS_MAX = 2 * 366
SPM_MIN, SPM_MAX = 100, 250
FOOT_STRIKES_MIN, FOOT_STRIKES_MAX = SPM_MIN // 2, SPM_MAX // 2

REPEATED = "This was given more than once: give it once."
INVALID_UNIT = "Choose km or miles."
NUMBER = "Enter a number, like 25 or 12.5."
WHOLE_NUMBER = "Enter a whole number, like 80."
ABOVE_ZERO = "Enter a distance above zero."

# What a date box may show back: anything else is blanked, as a browser would blank it.
SHOWN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateBox(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        text = super().format_value(value)
        return text if text is not None and SHOWN_DATE.fullmatch(str(text)) else None


class DistanceField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"required": "Enter a distance.", "invalid": NUMBER},
        )
        super().__init__(decimal_places=2, widget=NumberBox, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "min": "0"}


class UnitField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=UNIT_CHOICES,
            required=False,
            error_messages={"invalid_choice": INVALID_UNIT},
            **kwargs,
        )

    def clean(self, value):
        return super().clean(value) or DEFAULT_UNIT


class ToolForm(forms.Form):
    """One value per field, and a unit that defaults to km."""

    # Fields whose presence in the query means the runner submitted this form.
    submitted_by: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, query):
        """Bound to the query when the runner submitted this form; otherwise blank, keeping
        a valid unit from the query so a miles runner stays in miles."""
        if any(name in query for name in cls.submitted_by):
            return cls(query)
        unit = query.get("unit")
        return cls(initial={"unit": unit if unit in UNIT_NAMES else DEFAULT_UNIT})

    def clean(self):
        cleaned = super().clean()
        refuse_repeated_answers(self, REPEATED)
        return cleaned

    def check_distance(self, name, *, limits, what, low=Decimal(0), allow_zero=False):
        """Add an error to ``name`` when its distance is out of range for the unit."""
        value, unit = self.cleaned_data.get(name), self.cleaned_data.get("unit")
        if value is None or unit is None:
            return
        if value < 0 or (value == 0 and not allow_zero):
            self.add_error(name, "Enter a distance of zero or more." if allow_zero else ABOVE_ZERO)
        elif value < low:
            self.add_error(name, f"Enter at least {low} {UNIT_NAMES[unit]}.")
        elif value > limits[unit]:
            self.add_error(
                name,
                f"That is more than {limits[unit]} {UNIT_NAMES[unit]} {what}: check the number.",
            )


def optional_date(label, help_text):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateBox,
        error_messages={"invalid": "Enter a date as year-month-day, like 2026-10-04."},
        help_text=help_text,
    )


class RampPlanForm(ToolForm):
    submitted_by = ("current", "goal", "race_date")

    current = DistanceField(label="Your weekly distance now")
    goal = DistanceField(label="Weekly distance you want to reach")
    unit = UnitField()
    race_date = optional_date(
        "Race date (optional)",
        "We'll taper the last two weeks and tell you whether the plan fits before race day.",
    )
    start = optional_date(
        "First week starts (optional)", "The coming Monday if you leave it empty."
    )
    longest_run = DistanceField(
        label="Your longest run in the last 30 days (optional)",
        required=False,
        help_text="So no suggested long run is more than 10 % longer than it.",
    )

    def clean_race_date(self):
        race_date = self.cleaned_data["race_date"]
        if race_date is not None and race_date < timezone.localdate():
            raise forms.ValidationError("That date has passed: choose today or a later date.")
        # A plan reaches any goal within two years (1 to 500 km takes about 80 weeks).
        if race_date is not None and race_date > timezone.localdate() + timedelta(
            days=RACE_DAYS_MAX
        ):
            raise forms.ValidationError("Choose a race within the next two years.")
        return race_date

    def clean_start(self):
        start = self.cleaned_data["start"]
        today = timezone.localdate()
        if start is None:
            return coming_monday(today)
        if not today - timedelta(days=START_PAST_DAYS) <= start <= today + timedelta(days=366):
            raise forms.ValidationError(
                f"Start within the last {START_PAST_DAYS} days or the coming year."
            )
        return start

    def clean(self):
        cleaned = super().clean()
        self.check_distance("current", limits=WEEK_MAX, what="a week", low=PLAN_START_MIN)
        self.check_distance("goal", limits=WEEK_MAX, what="a week")
        self.check_distance("longest_run", limits=RUN_MAX, what="in one run")
        start, race_date = cleaned.get("start"), cleaned.get("race_date")
        given_start = self.data.get("start")
        if race_date is not None and start is not None and not given_start and race_date < start:
            # A race before the coming Monday: the plan starts today instead.
            start = cleaned["start"] = timezone.localdate()
        if start is not None and race_date is not None and race_date < start:
            self.add_error(
                "race_date", "Race day is before the first week starts: check both dates."
            )
        current, goal = self.cleaned_data.get("current"), self.cleaned_data.get("goal")
        if current is not None and goal is not None and goal <= current:
            self.add_error(
                "goal",
                "Your goal must be above your weekly distance now, or there's nothing to build.",
            )
        return cleaned


class WeeklyCheckForm(ToolForm):
    """The quick check beside the planner: it shares the planner's `unit`."""

    submitted_by = ("last_week", "this_week")

    last_week = DistanceField(label="Last week's distance")
    this_week = DistanceField(label="This week's distance (planned or run)")
    unit = UnitField()

    def clean(self):
        cleaned = super().clean()
        self.check_distance("last_week", limits=WEEK_MAX, what="a week")
        self.check_distance("this_week", limits=WEEK_MAX, what="a week", allow_zero=True)
        return cleaned


class SpikeForm(ToolForm):
    submitted_by = ("longest_30d", "planned")

    longest_30d = DistanceField(label="Your longest run in the last 30 days")
    planned = DistanceField(label="The run you're planning")
    unit = UnitField()

    def clean(self):
        cleaned = super().clean()
        self.check_distance("longest_30d", limits=RUN_MAX, what="in one run")
        self.check_distance("planned", limits=RUN_MAX, what="in one run")
        return cleaned


def step_count(label, low, high, help_text, *, out_of_range):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=NumberBox(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": WHOLE_NUMBER,
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


class CadenceForm(ToolForm):
    submitted_by = ("foot_strikes", "spm")

    foot_strikes = step_count(
        "Times one foot lands in 60 seconds",
        FOOT_STRIKES_MIN,
        FOOT_STRIKES_MAX,
        "Run at your easy pace and count one foot only; we double it.",
        out_of_range=(
            f"Enter a count from {FOOT_STRIKES_MIN} to {FOOT_STRIKES_MAX}: most runners land "
            "each foot 70 to 100 times a minute."
        ),
    )
    spm = step_count(
        "Or your steps per minute",
        SPM_MIN,
        SPM_MAX,
        "From a running watch, if it shows cadence.",
        out_of_range=(
            f"Enter {SPM_MIN} to {SPM_MAX} steps a minute: most runners take 140 to 200."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("foot_strikes", "spm") if self.data.get(name, "") != ""]
        if not given:
            raise forms.ValidationError(
                "Count one foot for 60 seconds, or enter your steps per minute."
            )
        if len(given) == 2:
            self.add_error("spm", "Give one of the two: leave this empty if you counted one foot.")
        return cleaned


class ShoeForm(ToolForm):
    submitted_by = ("distance", "tread_worn", "midsole_creases", "flexes_easily", "knee_pain")

    distance = DistanceField(
        label="Distance run in this pair",
        help_text="A running app or watch may keep count; a rough figure is fine.",
    )
    unit = UnitField()
    tread_worn = forms.BooleanField(
        label="The tread is worn",
        required=False,
        help_text="Turn the shoe over: is the pattern worn smooth, especially in one spot?",
    )
    midsole_creases = forms.BooleanField(
        label="The midsole has creases",
        required=False,
        help_text="Look at the foam along the side: are there deep creases or wrinkles?",
    )
    flexes_easily = forms.BooleanField(
        label="It bends or twists more easily than it used to",
        required=False,
        help_text="Hold heel and toe and bend, then twist: does it give too easily?",
    )
    knee_pain = forms.BooleanField(
        label="My knees hurt after running in them",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        self.check_distance("distance", limits=SHOE_MAX, what="in one pair", allow_zero=True)
        return cleaned


class StrengthSheetForm(ToolForm):
    """How the printable strength sheet is laid out: how many weeks and sessions."""

    submitted_by = ("weeks", "sessions")

    weeks = forms.TypedChoiceField(
        label="Weeks on the sheet",
        coerce=int,
        choices=[(n, f"{n} weeks") for n in range(8, 13)],
        initial=12,
        error_messages={
            "invalid_choice": "Choose 8 to 12 weeks.",
            "required": "Choose 8 to 12 weeks.",
        },
    )
    sessions = forms.TypedChoiceField(
        label="Strength sessions a week",
        coerce=int,
        choices=[(1, "Once a week"), (2, "Twice a week")],
        initial=2,
        error_messages={
            "invalid_choice": "Choose once or twice a week.",
            "required": "Choose once or twice a week.",
        },
    )


class RunFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class RunFilesField(forms.FileField):
    """One or more files; each is judged later, by its bytes, so one bad file never hides
    the others (an empty or odd file becomes a named problem on the result)."""

    widget = RunFileInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ".gpx,.tcx,.fit,.gz,.zip"}

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            raise forms.ValidationError("Choose one or more run files, or an export zip.")
        return files


class RunFilesForm(forms.Form):
    files = RunFilesField(
        label="Your run files",
        help_text="GPX, TCX or FIT files (gzipped too), or the zip of a Strava or Garmin export.",
    )
    unit = UnitField()


class ReturnToRunForm(ToolForm):
    """When the walk-run schedule starts, how often to run, and in which unit."""

    submitted_by = ("start", "days_between")

    start = optional_date("First session (optional)", "Tomorrow if you leave it empty.")
    days_between = forms.TypedChoiceField(
        label="How often to run",
        coerce=int,
        choices=[(2, "Every other day"), (3, "Every third day")],
        initial=2,
        required=False,
        empty_value=2,
        error_messages={"invalid_choice": "Choose every other day or every third day."},
    )
    unit = UnitField()

    def clean_start(self):
        start = self.cleaned_data["start"]
        today = timezone.localdate()
        if start is None:
            return today + timedelta(days=1)
        if not today - timedelta(days=START_PAST_DAYS) <= start <= today + timedelta(days=366):
            raise forms.ValidationError(
                f"Start within the last {START_PAST_DAYS} days or the coming year."
            )
        return start


class AfterRunForm(ToolForm):
    """How the last walk-run session went, for the pain-monitoring rule."""

    submitted_by = ("pain_during",)

    pain_during = forms.IntegerField(
        label="Worst knee pain during the run, 0 to 10",
        min_value=0,
        max_value=10,
        widget=NumberBox(attrs={"inputmode": "numeric"}),
        help_text="0 is no pain, 10 the worst you can imagine.",
        error_messages={
            "required": "Enter your pain from 0 to 10.",
            "invalid": WHOLE_NUMBER,
            "min_value": "Enter your pain from 0 to 10.",
            "max_value": "Enter your pain from 0 to 10.",
        },
    )
    settled = forms.TypedChoiceField(
        label="By the next morning, had it settled back to how it was before?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether it had settled.",
            "invalid_choice": "Choose yes or no.",
        },
    )
    swelling = forms.BooleanField(label="The knee swelled after the run", required=False)
    stiffness = forms.BooleanField(label="The knee stiffened after the run", required=False)
