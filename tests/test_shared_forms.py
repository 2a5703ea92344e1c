"""The pieces every form shares: one number formatter, number boxes, one answer per key."""

from decimal import Decimal

import pytest
from django import forms
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from kneecare.forms import NumberBox, WholeNumberBox, refuse_repeated_answers
from kneecare.numbers import plain_number


class TestPlainNumber:
    @pytest.mark.parametrize(
        ("number", "text"),
        [
            (Decimal("22.50"), "22.5"),
            (Decimal("30.00"), "30"),
            (Decimal("3E+2"), "300"),
            (Decimal("-5.0"), "-5"),
            (Decimal("0.05"), "0.05"),
            (12, "12"),
        ],
    )
    def test_it_writes_a_number_as_people_do(self, number, text):
        assert plain_number(number) == text

    @given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
    def test_it_keeps_the_value_and_drops_exponents_and_trailing_zeros(self, number):
        text = plain_number(number)
        assert Decimal(text) == number
        assert "E" not in text and "e" not in text
        assert not ("." in text and text.endswith(("0", ".")))


class TestNumberBoxes:
    @pytest.mark.parametrize(
        ("value", "shown"), [("12.5", "12.5"), ("x" * 9000, None), ("1e9", None)]
    )
    def test_it_shows_back_only_a_number(self, value, shown):
        assert NumberBox().format_value(value) == shown

    @pytest.mark.parametrize(("value", "shown"), [("34", "34"), ("034", "34"), ("3.5", None)])
    def test_it_shows_back_only_a_whole_number(self, value, shown):
        assert WholeNumberBox().format_value(value) == shown


class OneOnset(forms.Form):
    onset = forms.ChoiceField(choices=[("gradual", "Gradual"), ("sudden", "Sudden")])
    worse_with = forms.MultipleChoiceField(
        choices=[("stairs", "Stairs"), ("sitting", "Sitting")], required=False
    )

    def clean(self):
        refuse_repeated_answers(self, "Give one answer.")
        return super().clean()


class TestRepeatedAnswers:
    def test_it_refuses_a_repeated_one_value_key(self):
        form = OneOnset(QueryDict("onset=sudden&onset=gradual"))
        assert not form.is_valid()
        assert form.errors["onset"] == ["Give one answer."]

    def test_it_lets_a_several_value_question_repeat_its_key(self):
        form = OneOnset(QueryDict("onset=sudden&worse_with=stairs&worse_with=sitting"))
        assert form.is_valid()
        assert form.cleaned_data["worse_with"] == ["stairs", "sitting"]

    def test_it_keeps_one_message_beside_a_field_that_already_has_one(self):
        form = OneOnset(QueryDict("onset=never&onset=sudden"))
        assert not form.is_valid()
        assert len(form.errors["onset"]) == 1
