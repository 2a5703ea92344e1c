"""The knee self-check questionnaire: it validates the answers and converts them to
``symptoms.triage.Answers``. It never decides anything; ``symptoms.triage`` does.

Field names and values are a public contract (issues #3 and #9): links, clinics and tests post
them. Every question but the five marked required is optional, and an unanswered one is
unknown, not "no". The page lists the questions it showed in the hidden ``asked`` field, so a
box it showed and that came back empty means "no", while an old-style post without ``asked``
leaves every box it did not tick unknown.
"""

from dataclasses import dataclass

from django import forms

from kneecare.forms import WholeNumberBox
from symptoms.triage import (
    DURATIONS,
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
TAMPERED = "The list of questions this page showed was changed. Reload the page and answer again."


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


@dataclass(frozen=True)
class FollowUp:
    """Questions asked only after an answer makes them matter: the answer ``when`` to the
    question ``trigger`` brings them up ("on" for a ticked box). The page carries them all;
    static/js/symptoms.js shows a block only while that answer is given, and without
    JavaScript the page shows them all."""

    name: str
    legend: str
    trigger: str
    when: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (legend or "", question names)


FOLLOW_UPS = (
    FollowUp(
        "injury",
        "If the pain started suddenly, with an injury",
        "onset",
        "sudden",
        (
            ("", ("injury_event", "heard_pop", "kneecap_shifted")),
            (
                "Press gently around the knee, then try to bend it. Tick any that are true",
                ("patella_tender", "fibular_head_tender", "cannot_flex_90"),
            ),
        ),
    ),
    FollowUp(
        "gradual",
        "If the pain came on gradually: press and hop",
        "onset",
        "gradual",
        (
            (
                "Press along the bones around the knee, then hop gently on the sore leg. Tick any "
                "that are true",
                ("bone_tender", "hop_pain"),
            ),
        ),
    ),
    FollowUp("calf", "About your calf", "calf_swelling", "on", (("", ("breathless",)),)),
)


@dataclass(frozen=True)
class Hint:
    """A harder question's meaning in plain words, folded under it ("What does this mean?")
    so that its label stays short. ``about`` names the question in the summary for screen
    readers, which may list every summary of the page at once."""

    about: str
    text: str


HINTS = {
    "kneecap_shifted": Hint(
        "a kneecap that slipped",
        "The kneecap came out of its groove, usually towards the outside of the knee. You may "
        "have seen it out of place, or felt it slip out and back; it often goes back by itself "
        "when you straighten the leg.",
    ),
    "locking": Hint(
        "locking",
        "Locking is when the knee jams, usually part-bent, and will not straighten until you "
        "wiggle or shake it free. A knee that feels stiff, most after rest, and loosens as you "
        "move is not locking.",
    ),
    "giving_way": Hint(
        "giving way",
        "Giving way is when the knee suddenly buckles or feels as if it will fold under you, "
        "often as you turn or go down stairs. Limping because it hurts is not giving way.",
    ),
    "joint_line_tender": Hint(
        "the joint line",
        "The joint line is the soft gap you can feel at either side of the knee, between the "
        "end of the thigh bone and the top of the shin. Bend the knee a little and press along "
        "it with a fingertip.",
    ),
    "bone_tender": Hint(
        "a sore spot on a bone",
        "Press firmly with a fingertip along the shin bone and the bony parts around the knee. "
        "Tick this if one small spot on the bone itself hurts, not the muscle or tendon around "
        "it.",
    ),
    "hop_pain": Hint(
        "the hop test",
        "Stand on the sore leg, holding on to something if you like, and hop gently on the "
        "spot a few times. Stop at once if it hurts. If you cannot walk on the leg, do not try: "
        "tick this box.",
    ),
}


class Question(forms.BoundField):
    """A question as the page draws it, with its hint if it has one."""

    @property
    def hint(self) -> Hint | None:
        return HINTS.get(self.name)


# The age's messages, given by the server on submit and by the page as the age is typed
# (static/js/symptoms.js reads them from the box, beside its own min and max).
AGE_MESSAGES = {
    "invalid": "Enter your age as a whole number, such as 34.",
    "min_value": "Enter an age of 10 or over.",
    "max_value": "Enter an age of 100 or under.",
}


class SymptomForm(forms.Form):
    bound_field_class = Question

    age = forms.IntegerField(
        label="How old are you? (optional)",
        min_value=10,
        max_value=100,
        required=False,
        widget=WholeNumberBox(
            attrs={
                "inputmode": "numeric",
                "data-message-invalid": AGE_MESSAGES["invalid"],
                "data-message-min-value": AGE_MESSAGES["min_value"],
                "data-message-max-value": AGE_MESSAGES["max_value"],
            }
        ),
        help_text="In whole years, 10 to 100. This check is for ages 10 and over: a younger "
        "child with knee pain should see their GP. After an injury, being 55 or over is one "
        "of the Ottawa knee rules for an X-ray.",
        error_messages=AGE_MESSAGES,
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
            "below-kneecap": "Just below the kneecap, on the tendon or the bony bump",
            "above-kneecap": "Just above the kneecap",
            "inner-below": "On the inside, a few centimetres below the joint",
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
    duration = radio(
        "How long have you had it? (optional)",
        DURATIONS,
        {
            "days": "Less than a week",
            "weeks": "1 to 6 weeks",
            "months": "More than 6 weeks",
        },
        required=False,
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
            "direct-blow": "Something hit the knee (a kick, tackle or knock)",
            "landing": "I landed from a jump or a step",
        },
    )
    heard_pop = tick("I heard or felt a loud pop at the time")
    kneecap_shifted = tick("My kneecap slipped out of place (even if it went back)")
    swelling = radio(
        "Did your knee swell?",
        SWELLING,
        {
            "none": "No",
            "within-hour": "Yes, straight away or within an hour",
            "later": "Yes, but later (hours later or the next day)",
            "after-activity": "It gets puffy after runs, then settles",
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
            "bending": "Bending the knee",
            "running": "Running",
            "downhill": "Running downhill",
            "jumping": "Jumping or landing",
            "squatting": "Squatting",
            "kneeling": "Kneeling",
            "pivoting": "Turning on the leg",
        },
    )
    stiff_tender = tick("My knee is stiff and tender after running")
    recent_increase = tick("I have recently run more, or harder, than usual")
    pain_level = forms.IntegerField(
        label="How bad is the pain at its worst, from 0 to 10?",
        min_value=0,
        max_value=10,
        # A row of tappable numbers, not a typed one (issue 10); the values stay 0 to 10.
        widget=forms.RadioSelect(choices=[(level, str(level)) for level in range(11)]),
        help_text="0 is no pain, 10 the worst pain you can imagine.",
        error_messages={
            "required": "Choose a number from 0 to 10.",
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
    catching = tick("My knee clicks or catches inside")
    locking = tick(
        "My knee gets stuck bent and I cannot straighten it fully",
        help_text="Stuck, not just stiff: it will not straighten until it unlocks.",
    )
    giving_way = tick("My knee buckles or gives way")
    rest_pain = tick("It hurts at rest, or the pain wakes me at night")
    joint_line_tender = tick(
        "Pressing the gap between the thigh bone and the shin, at the side, hurts"
    )
    bone_tender = tick("One spot on a bone is sore to press")
    hop_pain = tick("Hopping on the sore leg hurts, or I cannot hop")
    getting_worse = tick("It keeps getting worse, even after a break from running")
    local_swelling = tick(
        "There is a swelling in one spot (a lump or a puffy patch), not over the whole knee"
    )
    hip_or_back = tick(
        "It also hurts in my hip, groin or lower back, or moving my hip brings on the knee pain"
    )
    hot_red = tick("My knee is hot and red")
    fever = tick("I have a fever, or feel generally unwell")
    calf_swelling = tick("My calf is painful or swollen")
    breathless = tick("I am short of breath, or have chest pain")
    foot_numb_cold = tick("My foot is numb, cold or pale")
    # The first form's single box, still accepted from old links: it meant both.
    hot_or_fever = tick("My knee is hot and red, and I have a fever")
    asked = forms.MultipleChoiceField(
        label="The questions this page showed",
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": TAMPERED},
    )

    # The order the page asks in: the five that need an answer first, then the injury
    # follow-up, the boxes to tick (warning signs first), and the rest, so that on a phone,
    # one question at a time, a common story reaches its result in a few taps (issue 10).
    # Follow-up questions (FOLLOW_UPS) appear only when they matter; hot_or_fever is
    # accepted but no longer asked.
    FIRST_QUESTIONS = ("pain_location", "onset")
    PAIN_QUESTIONS = ("swelling", "weight_bearing", "pain_level")
    DETAIL_QUESTIONS = ("worse_with",)
    LAST_QUESTIONS = ("duration", "age")
    KNEE_QUESTIONS = (
        "recent_increase",
        "stiff_tender",
        "outer_tightness",
        "catching",
        "locking",
        "giving_way",
        "rest_pain",
        "getting_worse",
        "joint_line_tender",
        "local_swelling",
        "hip_or_back",
    )
    WARNING_QUESTIONS = ("hot_red", "fever", "calf_swelling", "foot_numb_cold")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = [name for name in self.fields if name != "asked"]
        self.fields["asked"].choices = [(name, name) for name in questions]

    def questions(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def first_questions(self):
        return self.questions(self.FIRST_QUESTIONS)

    def pain_questions(self):
        return self.questions(self.PAIN_QUESTIONS)

    def detail_questions(self):
        return self.questions(self.DETAIL_QUESTIONS)

    def last_questions(self):
        return self.questions(self.LAST_QUESTIONS)

    def knee_questions(self):
        return self.questions(self.KNEE_QUESTIONS)

    def warning_questions(self):
        return self.questions(self.WARNING_QUESTIONS)

    def follow_ups(self) -> dict[str, dict]:
        """Each follow-up block as the template draws it."""
        return {
            follow_up.name: {
                "name": follow_up.name,
                "legend": follow_up.legend,
                "trigger": follow_up.trigger,
                "when": follow_up.when,
                "groups": [(legend, self.questions(names)) for legend, names in follow_up.groups],
            }
            for follow_up in FOLLOW_UPS
        }

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
        """The validated answers as the triage module takes them: a box the page showed and
        that came back empty is "no"; an unasked one, or an unanswered question, unknown."""
        data = self.cleaned_data
        asked = set(data["asked"])
        values = {}
        for name, field in self.fields.items():
            value = data.get(name)
            if name == "asked":
                continue
            if isinstance(field, forms.BooleanField):
                values[name] = True if value else (False if name in asked else None)
            elif isinstance(field, forms.MultipleChoiceField):
                values[name] = frozenset(value or ())
            else:
                values[name] = None if value in (None, "") else value
        return Answers(**values)

    def page_order(self) -> list[str]:
        """Every question's name in the order the page asks them (the template's order),
        follow-ups in their places; any other field (accepted, no longer asked) last."""
        follow_ups = {
            follow_up.name: [name for _, names in follow_up.groups for name in names]
            for follow_up in FOLLOW_UPS
        }
        order = [
            *self.FIRST_QUESTIONS,
            *self.PAIN_QUESTIONS,
            *follow_ups["injury"],
            *self.WARNING_QUESTIONS,
            *follow_ups["calf"],
            *self.KNEE_QUESTIONS,
            *self.DETAIL_QUESTIONS,
            *follow_ups["gradual"],
            *self.LAST_QUESTIONS,
        ]
        return order + [name for name in self.fields if name not in order and name != "asked"]

    def answer_summary(self) -> list[tuple[str, str]]:
        """The answers in words, in the order the page asks them, for the printed summary;
        unticked boxes and unanswered optional questions are left out."""
        summary = []
        for name in self.page_order():
            field = self.fields[name]
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
