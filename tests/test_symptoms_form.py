"""The questionnaire form: it validates and converts, and bad input never costs other answers."""

import pytest
from django.http import QueryDict

from symptoms.forms import SymptomForm
from symptoms.triage import Answers

VALID = (
    "age=34&pain_location=front&onset=gradual&swelling=none&weight_bearing=painful"
    "&pain_level=4&worse_with=stairs&worse_with=sitting&recent_increase=on"
)


def form_for(query: str) -> SymptomForm:
    return SymptomForm(QueryDict(query))


def kept_answers(form: SymptomForm) -> dict:
    """What the form would show back in each question, as its widgets read the post."""
    return {name: form[name].value() for name in form.fields}


class TestConversion:
    def test_it_converts_valid_answers_for_the_triage_module(self):
        form = form_for(VALID)
        assert form.is_valid(), form.errors
        assert form.to_answers() == Answers(
            age=34,
            pain_location="front",
            onset="gradual",
            swelling="none",
            weight_bearing="painful",
            pain_level=4,
            worse_with=frozenset({"stairs", "sitting"}),
            recent_increase=True,
        )

    def test_it_takes_every_injury_answer_after_a_sudden_onset(self):
        form = form_for(
            "pain_location=whole&onset=sudden&injury_event=twist&injury_event=abrupt-stop"
            "&heard_pop=on&swelling=within-hour&weight_bearing=unable&pain_level=9"
            "&patella_tender=on&fibular_head_tender=on&cannot_flex_90=on"
            "&locking=on&hot_or_fever=on&calf_swelling=on&outer_tightness=on&stiff_tender=on"
        )
        assert form.is_valid(), form.errors
        answers = form.to_answers()
        assert answers.age is None
        assert answers.injury_event == frozenset({"twist", "abrupt-stop"})
        assert answers.heard_pop and answers.patella_tender and answers.fibular_head_tender
        assert answers.cannot_flex_90 and answers.locking and answers.hot_or_fever
        assert answers.calf_swelling and answers.outer_tightness and answers.stiff_tender
        assert not answers.recent_increase

    def test_it_reads_a_box_the_page_showed_and_left_empty_as_no(self):
        form = form_for(VALID + "&asked=locking&asked=catching&asked=recent_increase&catching=on")
        assert form.is_valid(), form.errors
        answers = form.to_answers()
        assert answers.locking is False  # shown, not ticked
        assert answers.catching is True
        assert answers.recent_increase is True
        assert answers.giving_way is None  # not shown: unknown
        assert answers.duration is None

    def test_it_leaves_every_unticked_box_unknown_in_an_old_style_post(self):
        form = form_for(VALID)
        assert form.is_valid(), form.errors
        answers = form.to_answers()
        for name in ("locking", "hot_or_fever", "calf_swelling", "heard_pop", "hot_red"):
            assert getattr(answers, name) is None, name

    def test_it_takes_every_new_answer(self):
        form = form_for(
            "pain_location=inner-below&onset=gradual&duration=weeks&swelling=after-activity"
            "&weight_bearing=painful&pain_level=5&worse_with=downhill&worse_with=pivoting"
            "&catching=on&giving_way=on&rest_pain=on&bone_tender=on&hop_pain=on"
            "&joint_line_tender=on&kneecap_shifted=on&hot_red=on&fever=on&breathless=on"
            "&foot_numb_cold=on&calf_swelling=on"
        )
        assert form.is_valid(), form.errors
        answers = form.to_answers()
        assert answers.pain_location == "inner-below" and answers.duration == "weeks"
        assert answers.swelling == "after-activity"
        assert answers.worse_with == frozenset({"downhill", "pivoting"})
        for name in (
            "catching", "giving_way", "rest_pain", "bone_tender", "hop_pain",
            "joint_line_tender", "kneecap_shifted", "hot_red", "fever", "breathless",
            "foot_numb_cold", "calf_swelling",
        ):  # fmt: skip
            assert getattr(answers, name) is True, name

    def test_it_accepts_a_repeated_question_in_the_asked_list(self):
        form = form_for(VALID + "&asked=locking&asked=locking")
        assert form.is_valid(), form.errors
        assert form.to_answers().locking is False

    def test_it_accepts_the_ends_of_each_range(self):
        for query in ("age=10&pain_level=0", "age=100&pain_level=10"):
            form = form_for(VALID.replace("age=34", "").replace("pain_level=4", "") + "&" + query)
            assert form.is_valid(), (query, form.errors)

    def test_it_words_the_answers_for_the_printed_summary(self):
        form = form_for(VALID)
        assert form.is_valid()
        summary = dict(form.answer_summary())
        assert summary["How old are you? (optional)"] == "34"
        assert summary["Where does your knee hurt most?"] == (
            "At the front, around or behind the kneecap"
        )
        assert "Going up or down stairs" in summary["What makes it worse? (optional)"]
        assert summary["I have recently run more, or harder, than usual"] == "Yes"
        assert "My knee gets stuck bent and I cannot straighten it fully" not in summary
        assert not any("questions this page showed" in question for question in summary)

    def test_it_lists_the_answers_in_the_order_the_page_asks_them(self):
        form = form_for(VALID + "&duration=weeks&giving_way=on&injury_event=twist")
        assert form.is_valid(), form.errors
        questions = [question for question, _ in form.answer_summary()]
        assert questions[0] == "Where does your knee hurt most?"
        assert questions[-2:] == [form.fields["duration"].label, "How old are you? (optional)"]
        position = {question: index for index, question in enumerate(questions)}
        asked = [
            form.fields[name].label
            for name in ("onset", "pain_level", "injury_event", "giving_way", "worse_with")
        ]
        assert [position[label] for label in asked] == sorted(position[label] for label in asked)

    def test_it_does_not_repeat_a_tampered_question_name(self):
        form = form_for(VALID + "&asked=<b>password</b>")
        assert not form.is_valid()
        assert "password" not in str(form.errors)


class TestBadInput:
    @pytest.mark.parametrize(
        ("query", "field"),
        [
            (VALID.replace("age=34", "age=" + "9" * 10_000), "age"),
            (VALID.replace("age=34", "age=" + "x" * 10_000), "age"),
            (VALID.replace("age=34", "age=-5"), "age"),
            (VALID.replace("age=34", "age=101"), "age"),
            (VALID.replace("age=34", "age=3.5"), "age"),
            (VALID.replace("pain_level=4", "pain_level=11"), "pain_level"),
            (VALID.replace("pain_level=4", "pain_level=" + "x" * 10_000), "pain_level"),
            (VALID.replace("pain_location=front", "pain_location=kneecap"), "pain_location"),
            (VALID.replace("onset=gradual", "onset=slowly"), "onset"),
            (VALID.replace("swelling=none", "swelling=lots"), "swelling"),
            (VALID.replace("weight_bearing=painful", "weight_bearing="), "weight_bearing"),
            (VALID.replace("worse_with=stairs", "worse_with=cycling"), "worse_with"),
            (VALID + "&injury_event=kick", "injury_event"),
            (VALID.replace("onset=gradual", "onset=sudden&onset=gradual"), "onset"),
            (VALID.replace("age=34", "age=34&age=35"), "age"),
            (VALID + "&locking=on&locking=on", "locking"),
            (VALID.replace("pain_location=front&", ""), "pain_location"),
            (VALID + "&asked=locking&asked=password", "asked"),
            (VALID + "&asked=asked", "asked"),
            (VALID + "&duration=years", "duration"),
            (VALID + "&duration=days&duration=weeks", "duration"),
            (VALID + "&swelling=none", "swelling"),
            (VALID + "&fever=on&fever=on", "fever"),
            (VALID.replace("&pain_level=4", ""), "pain_level"),
        ],
    )
    def test_it_reports_the_field_and_keeps_every_other_answer(self, query, field):
        form = form_for(query)
        assert not form.is_valid()
        assert list(form.errors) == [field]
        assert form.errors[field][0]
        valid = form_for(VALID)
        assert {k: v for k, v in kept_answers(form).items() if k != field} == {
            k: v for k, v in kept_answers(valid).items() if k != field
        }

    def test_it_does_not_repeat_the_bad_value_in_its_message(self):
        form = form_for(VALID.replace("onset=gradual", "onset=<b>nonsense</b>"))
        assert not form.is_valid()
        assert "nonsense" not in str(form.errors)
        assert form.errors["onset"] == ["Choose one of the options listed."]

    def test_it_says_a_repeated_key_needs_one_answer(self):
        form = form_for(VALID.replace("onset=gradual", "onset=sudden&onset=gradual"))
        assert form.errors["onset"] == ["Give one answer to this question."]

    def test_it_accepts_repeated_keys_for_several_choice_questions(self):
        form = form_for(VALID + "&worse_with=bending&worse_with=running")
        assert form.is_valid(), form.errors
        worse_with = {"stairs", "sitting", "bending", "running"}
        assert form.to_answers().worse_with == frozenset(worse_with)

    def test_it_explains_each_missing_required_answer(self):
        form = form_for("")
        assert not form.is_valid()
        assert set(form.errors) == {
            "pain_location",
            "onset",
            "swelling",
            "weight_bearing",
            "pain_level",
        }

    def test_it_does_not_show_back_junk_in_a_number_box(self):
        form = form_for(VALID.replace("age=34", "age=" + "x" * 10_000))
        assert not form.is_valid()
        html = str(form["age"])
        assert "xxxx" not in html
        assert 'name="age"' in html

    def test_it_shows_back_an_out_of_range_number_to_correct(self):
        form = form_for(VALID.replace("age=34", "age=-5"))
        assert not form.is_valid()
        assert 'value="-5"' in str(form["age"])
        assert form.errors["age"] == ["Enter an age of 10 or over."]

    def test_it_shows_back_a_valid_number_written_loosely(self):
        form = form_for(VALID.replace("pain_level=4", "pain_level=+4+"))
        assert form.is_valid(), form.errors
        assert 'value="4"' in str(form["pain_level"])
