"""Form pieces the self-check and the training tools share.

Each answer is given once, and a number box shows back only what reads as a number: a
tampered or mistyped post gets a message beside the field, never a silently chosen value or
kilobytes of junk echoed into the page.
"""

import re

from django import forms

# What a number box may show back: anything else is blanked, as a browser would blank it.
SHOWN_NUMBER = re.compile(r"-?\d{1,7}(\.\d{1,4})?")
WHOLE_NUMBER_DIGITS_MAX = 8


class NumberBox(forms.NumberInput):
    """A number box that shows back only what looks like a number."""

    def format_value(self, value):
        text = super().format_value(value)
        return text if text is not None and SHOWN_NUMBER.fullmatch(str(text)) else None


class WholeNumberBox(forms.NumberInput):
    """A number box that shows back only what reads as a whole number."""

    def format_value(self, value):
        text = super().format_value(value)
        if text is None or len(text) > WHOLE_NUMBER_DIGITS_MAX:
            return None
        try:
            return str(int(text))
        except ValueError:
            return None


def refuse_repeated_answers(form: forms.Form, message: str) -> None:
    """Add `message` to each one-value field whose key the post repeats.

    A tampered post can repeat a key (onset=sudden&onset=gradual) and Django would quietly
    take the last value; say so beside the field instead. Fields that take several values
    (tick boxes of one question) may repeat their key, and a field that already shows an
    error keeps that one message.
    """
    getlist = getattr(form.data, "getlist", None)
    if getlist is None:
        return
    for name, field in form.fields.items():
        one_answer = not isinstance(field, forms.MultipleChoiceField)
        if one_answer and len(getlist(name)) > 1 and name not in form.errors:
            form.add_error(name, message)
