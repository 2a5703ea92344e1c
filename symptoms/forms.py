"""The knee self-check questionnaire: it validates the answers and converts them to
``symptoms.triage.Answers``. It never decides anything; ``symptoms.triage`` does.

Field names and values are a public contract (issue #3): links, clinics and tests post them.
"""

from django import forms

from symptoms.triage import (
    INJURY_EVENTS,
    ONSETS,
    PAIN_LOCATIONS,
    SWELLING,
    WEIGHT_BEARING,
    WORSE_WITH,
    Answers,
)

# Our own messages, because Django's "Select a valid choice. X is not one of the available
# choices." repeats the posted value back, however long or strange it is.
INVALID_CHOICE = "Choose one of the options listed."
REPEATED = "Give one answer to this question."


class WholeNumberInput(forms.NumberInput):
    """A number box that shows back only what reads as a whole number: a browser would
    blank anything else anyway, and there is no point echoing 10 kB of junk."""

    def format_value(self, value):
        text = super().format_value(value)
        if text is None or len(text) > 8:
            return None
        try:
            return str(int(text))
        except ValueError:
            return None


def choices(values: tuple[str, ...], labels: dict[str, str]) -> list[tuple[str, str]]:
    """Pair the triage module's values with their labels, in the triage module's order,
    so a value added there without a label here fails at import rather than in a form."""
    return [(value, labels[value]) for value in values]


def radio(label: str, values: tuple[str, ...], labels: dict[str, str], **kwargs) -> forms.Field:
    return forms.ChoiceField(
        label=label,
        choices=choices(values, labels),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one answer.", "invalid_choice": INVALID_CHOICE},
        **kwargs,
    )


def several(label: str, values: tuple[str, ...], labels: dict[str, str]) -> forms.Field:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices(values, labels),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )


def tick(label: str, **kwargs) -> forms.Field:
    return forms.BooleanField(label=label, required=False, **kwargs)


class SymptomForm(forms.Form):
    age = forms.IntegerField(
        label="How old are you? (optional)",
        min_value=10,
        max_value=100,
        required=False,
        widget=WholeNumberInput,
        help_text="In whole years, 10 to 100. After an injury, being 55 or over is one of "
        "the Ottawa knee rules for an X-ray.",
        error_messages={
            "invalid": "Enter your age as a whole number, such as 34.",
            "min_value": "Enter an age of 10 or over.",
            "max_value": "Enter an age of 100 or under.",
        },
    )
    pain_location = radio(
        "Where does your knee hurt most?",
        PAIN_LOCATIONS,
        {
            "outer": "On the outside of the knee",
            "front": "At the front, around or behind the kneecap",
            "inner": "On the inside of the knee",
            "back": "At the back of the knee",
            "whole": "All over, or I can't tell",
        },
    )
    onset = radio(
        "How did the pain start?",
        ONSETS,
        {
            "gradual": "Gradually, over several runs or days",
            "sudden": "Suddenly, at a moment I can point to (an injury)",
        },
    )
    injury_event = several(
        "What happened at that moment? (optional)",
        INJURY_EVENTS,
        {
            "twist": "I twisted or pivoted on the knee",
            "fall": "I fell",
            "hyperextension": "The knee bent backwards, too far straight",
            "abrupt-stop": "I stopped or changed direction suddenly",
            "awkward-movement": "I landed or moved awkwardly",
        },
    )
    heard_pop = tick("I heard or felt a loud pop at the time")
    swelling = radio(
        "Did your knee swell?",
        SWELLING,
        {
            "none": "No",
            "within-hour": "Yes, straight away or within an hour",
            "later": "Yes, but later (hours later or the next day)",
        },
    )
    weight_bearing = radio(
        "Can you put weight on the leg?",
        WEIGHT_BEARING,
        {
            "normal": "Yes, normally",
            "painful": "Yes, but it hurts",
            "unable": "No: I cannot take four steps",
        },
    )
    outer_tightness = tick("The outside of my knee feels tight")
    worse_with = several(
        "What makes it worse? (optional)",
        WORSE_WITH,
        {
            "stairs": "Going up or down stairs",
            "sitting": "Getting up after sitting for a long time",
            "bending": "Bending or squatting",
            "running": "Running",
        },
    )
    stiff_tender = tick("My knee is stiff and tender after running")
    recent_increase = tick("I have recently run more, or harder, than usual")
    pain_level = forms.IntegerField(
        label="How bad is the pain at its worst, from 0 to 10?",
        min_value=0,
        max_value=10,
        widget=WholeNumberInput,
        help_text="0 is no pain, 10 the worst pain you can imagine.",
        error_messages={
            "required": "Enter a number from 0 to 10.",
            "invalid": "Enter a whole number from 0 to 10.",
            "min_value": "Enter a number from 0 to 10.",
            "max_value": "Enter a number from 0 to 10.",
        },
    )
    patella_tender = tick(
        "Pressing on my kneecap hurts",
        help_text="Tick this if the kneecap is the only bony place that is tender.",
    )
    fibular_head_tender = tick(
        "Pressing the bony bump just below the outside of the knee hurts",
    )
    cannot_flex_90 = tick("I cannot bend the knee to a right angle (90 degrees)")
    locking = tick("My knee locks, catches or gives way")
    hot_or_fever = tick("My knee is hot and red, or I have a fever")
    calf_swelling = tick("My calf is painful or swollen")

    # The order the page asks in. The injury questions appear only after a sudden onset.
    FIRST_QUESTIONS = ("age", "pain_location", "onset")
    INJURY_QUESTIONS = ("injury_event", "heard_pop")
    OTTAWA_QUESTIONS = ("patella_tender", "fibular_head_tender", "cannot_flex_90")
    PAIN_QUESTIONS = ("swelling", "weight_bearing", "pain_level", "worse_with")
    RUNNING_QUESTIONS = ("outer_tightness", "stiff_tender", "recent_increase")
    WARNING_QUESTIONS = ("locking", "hot_or_fever", "calf_swelling")

    def questions(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def first_questions(self):
        return self.questions(self.FIRST_QUESTIONS)

    def injury_questions(self):
        return self.questions(self.INJURY_QUESTIONS)

    def ottawa_questions(self):
        return self.questions(self.OTTAWA_QUESTIONS)

    def pain_questions(self):
        return self.questions(self.PAIN_QUESTIONS)

    def running_questions(self):
        return self.questions(self.RUNNING_QUESTIONS)

    def warning_questions(self):
        return self.questions(self.WARNING_QUESTIONS)

    def clean(self):
        # A tampered post can repeat a one-answer key (onset=sudden&onset=gradual); Django
        # would quietly take the last value, so say so beside the field instead.
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            for name, field in self.fields.items():
                one_answer = not isinstance(field, forms.MultipleChoiceField)
                if one_answer and len(getlist(name)) > 1 and name not in self.errors:
                    self.add_error(name, REPEATED)
        return super().clean()

    def to_answers(self) -> Answers:
        """The validated answers as the triage module takes them."""
        data = self.cleaned_data
        return Answers(
            **{
                **data,
                "injury_event": frozenset(data["injury_event"]),
                "worse_with": frozenset(data["worse_with"]),
            }
        )

    def answer_summary(self) -> list[tuple[str, str]]:
        """The answers in words, question by question, for the printed summary; unticked
        boxes and unanswered optional questions are left out."""
        summary = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value is None or value is False or value in ("", []):
                continue
            if isinstance(field, forms.BooleanField):
                summary.append((field.label, "Yes"))
            elif isinstance(field, forms.ChoiceField):
                labels = dict(field.choices)
                chosen = value if isinstance(value, list) else [value]
                summary.append((field.label, "; ".join(labels[item] for item in chosen)))
            else:
                summary.append((field.label, str(value)))
        return summary
