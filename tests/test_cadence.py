import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.cadence import RULE_OF_THUMB_SPM, CadenceAdvice, cadence_advice, cadence_from


class TestCadenceFrom:
    def test_it_doubles_the_strikes_of_one_foot(self):
        assert cadence_from(foot_strikes=78) == 156

    def test_it_takes_steps_per_minute_as_given(self):
        assert cadence_from(spm=164) == 164

    @pytest.mark.parametrize("kwargs", [{}, {"foot_strikes": 80, "spm": 160}])
    def test_it_needs_exactly_one_measurement(self, kwargs):
        with pytest.raises(ValueError):
            cadence_from(**kwargs)

    @pytest.mark.parametrize("kwargs", [{"foot_strikes": 0}, {"spm": -150}])
    def test_it_requires_a_cadence_above_zero(self, kwargs):
        with pytest.raises(ValueError):
            cadence_from(**kwargs)


class TestCadenceAdvice:
    def test_it_sets_a_five_to_ten_percent_target_below_the_line(self):
        assert cadence_advice(spm=150) == CadenceAdvice(
            spm=150,
            below_line=True,
            target_low=158,  # 157.5 rounded up
            target_high=165,
            progression=((1, 152), (2, 154), (3, 156), (4, 158), (5, 158), (6, 158)),
            music_bpm=158,
            music_half_time_bpm=79.0,
        )

    def test_it_gives_half_time_music_for_an_odd_target(self):
        advice = cadence_advice(spm=158)

        assert (advice.target_low, advice.target_high) == (166, 173)
        assert advice.music_half_time_bpm == 83.0
        assert cadence_advice(spm=152).music_half_time_bpm == 80.0
        assert cadence_advice(spm=140).music_half_time_bpm == 73.5

    @pytest.mark.parametrize("spm, low, high", [(160, 168, 176), (175, 184, 192)])
    def test_it_sets_a_five_to_ten_percent_target_at_or_above_the_line_too(self, spm, low, high):
        advice = cadence_advice(spm=spm)

        assert not advice.below_line
        assert (advice.target_low, advice.target_high, advice.music_bpm) == (low, high, low)
        assert advice.progression[-1] == (6, low)

    def test_it_calls_the_line_a_rule_of_thumb(self):
        assert RULE_OF_THUMB_SPM == 160
        assert cadence_advice(spm=159).below_line

    @pytest.mark.parametrize("spm", [0, -10, 3])
    def test_it_rejects_a_cadence_with_no_whole_target(self, spm):
        with pytest.raises(ValueError):
            cadence_advice(spm=spm)


class TestCadenceAdviceProperties:
    @given(st.integers(20, 300))
    def test_it_keeps_targets_within_five_to_ten_percent_above(self, spm):
        advice = cadence_advice(spm=spm)

        # Whole percentages, so the comparison is exact: spm × 1.05 <= target <= spm × 1.10.
        assert spm * 105 <= advice.target_low * 100 <= advice.target_high * 100 <= spm * 110
        assert advice.music_bpm == advice.target_low
        assert advice.music_half_time_bpm * 2 == advice.music_bpm

    @given(st.integers(20, 300))
    def test_it_steps_up_to_the_target_by_week_six(self, spm):
        progression = cadence_advice(spm=spm).progression
        targets = [target for _, target in progression]

        assert [week for week, _ in progression] == [1, 2, 3, 4, 5, 6]
        assert spm < targets[0]
        assert targets == sorted(targets)
        assert targets[-1] == cadence_advice(spm=spm).target_low

    @given(st.integers(1, 400))
    def test_it_either_keeps_targets_in_range_or_refuses(self, spm):
        try:
            advice = cadence_advice(spm=spm)
        except ValueError:
            return
        assert spm * 105 <= advice.target_low * 100 <= advice.target_high * 100 <= spm * 110
        assert advice.below_line == (spm < RULE_OF_THUMB_SPM)
