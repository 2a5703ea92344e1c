from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.shoes import KNEE_PAIN_INSPECT, WEAR_WINDOWS, ShoeVerdict, shoe_verdict

D = Decimal
SEVERITY = ["ok", "soon", "replace"]
SIGNS = ["tread_worn", "midsole_creases", "flexes_easily"]


class TestShoeVerdictByDistance:
    def test_it_says_ok_below_300_miles_with_the_distance_left(self):
        verdict = shoe_verdict(distance=D(120), unit="mi")

        assert verdict.verdict == "ok"
        assert verdict.distance_left == D(180)

    @pytest.mark.parametrize(
        ("distance", "unit", "expected"),
        [(299, "mi", "ok"), (300, "mi", "soon"), (599, "mi", "soon"), (600, "mi", "replace")]
        + [(482, "km", "ok"), (483, "km", "soon"), (964, "km", "soon"), (965, "km", "replace")],
    )
    def test_it_switches_exactly_at_the_thresholds(self, distance, unit, expected):
        assert shoe_verdict(distance=D(distance), unit=unit).verdict == expected

    def test_it_counts_the_distance_left_in_kilometres(self):
        assert shoe_verdict(distance=D("400.5"), unit="km").distance_left == D("82.5")

    def test_it_leaves_no_distance_once_the_window_starts(self):
        assert shoe_verdict(distance=D(350), unit="mi").distance_left == 0

    def test_it_explains_a_worn_out_pair(self):
        verdict = shoe_verdict(distance=D(650), unit="mi")

        assert verdict == ShoeVerdict(
            "replace", D(0), ("650 mi is at or past the top of the 300-600 mi range.",)
        )


class TestShoeVerdictWearSigns:
    @pytest.mark.parametrize("sign", SIGNS)
    def test_it_says_replace_for_any_wear_sign(self, sign):
        verdict = shoe_verdict(distance=D(50), unit="km", **{sign: True})

        assert verdict.verdict == "replace"
        assert verdict.distance_left == 0

    def test_it_lists_each_sign_as_a_reason(self):
        verdict = shoe_verdict(distance=D(50), unit="km", tread_worn=True, midsole_creases=True)

        assert verdict.reasons[:2] == ("The tread is noticeably worn.", "The midsole has creases.")


class TestShoeVerdictKneePain:
    def test_it_says_replace_for_knee_pain_inside_the_window(self):
        verdict = shoe_verdict(distance=D(350), unit="mi", knee_pain=True)

        assert verdict.verdict == "replace"
        assert any("Knee pain" in reason for reason in verdict.reasons)

    def test_it_suggests_inspecting_the_sole_below_the_window(self):
        verdict = shoe_verdict(distance=D(100), unit="km", knee_pain=True)

        assert verdict.verdict == "ok"
        assert KNEE_PAIN_INSPECT in verdict.reasons


class TestShoeVerdictInput:
    def test_it_rejects_an_unknown_unit(self):
        with pytest.raises(ValueError):
            shoe_verdict(distance=D(10), unit="m")

    def test_it_rejects_a_negative_distance(self):
        with pytest.raises(ValueError):
            shoe_verdict(distance=D(-1), unit="km")

    def test_it_keeps_each_window_with_its_source(self):
        assert (WEAR_WINDOWS["mi"].soon_from, WEAR_WINDOWS["mi"].replace_from) == (300, 600)
        assert (WEAR_WINDOWS["km"].soon_from, WEAR_WINDOWS["km"].replace_from) == (483, 965)
        assert all("Williams" in window.source for window in WEAR_WINDOWS.values())


class TestShoeVerdictProperties:
    distances = st.integers(0, 20000).map(lambda n: D(n) / 10)
    flags = st.fixed_dictionaries({name: st.booleans() for name in [*SIGNS, "knee_pain"]})

    @given(st.sampled_from(["km", "mi"]), distances, distances, flags)
    def test_it_never_gives_more_distance_a_milder_verdict(self, unit, first, second, flags):
        shorter, longer = sorted([first, second])
        milder = shoe_verdict(distance=shorter, unit=unit, **flags)
        harsher = shoe_verdict(distance=longer, unit=unit, **flags)

        assert SEVERITY.index(milder.verdict) <= SEVERITY.index(harsher.verdict)

    @given(st.sampled_from(["km", "mi"]), distances, flags)
    def test_it_leaves_distance_only_when_ok(self, unit, distance, flags):
        verdict = shoe_verdict(distance=distance, unit=unit, **flags)

        if verdict.verdict == "ok":
            assert verdict.distance_left == WEAR_WINDOWS[unit].soon_from - distance > 0
        else:
            assert verdict.distance_left == 0
        assert verdict.reasons
        assert all(isinstance(reason, str) for reason in verdict.reasons)
