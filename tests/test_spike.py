import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.spike import SPIKE_BANDS, SpikeCheck, spike_band, spike_check

D = Decimal
BAND_ORDER = [band.name for band in SPIKE_BANDS]


def tenths(low, high):
    return st.integers(low, high).map(lambda n: D(n) / 10)


class TestSpikeCheck:
    def test_it_finds_a_run_within_ten_percent(self):
        assert spike_check(longest_30d=D(10), planned=D("10.5")) == SpikeCheck(
            percent_longer=D("5.0"),
            band="within",
            hazard_ratio=None,
            safe_max=D("11.0"),
            over_by=D(0),
        )

    def test_it_finds_a_run_ten_to_thirty_percent_longer(self):
        check = spike_check(longest_30d=D(10), planned=D(12))

        assert (check.band, check.hazard_ratio) == ("10-30", D("1.64"))
        assert check.percent_longer == D("20.0")
        assert check.over_by == D("1.0")

    def test_it_finds_a_run_thirty_to_one_hundred_percent_longer(self):
        check = spike_check(longest_30d=D(10), planned=D(15))

        assert (check.band, check.hazard_ratio) == ("30-100", D("1.52"))

    def test_it_finds_a_run_more_than_double(self):
        check = spike_check(longest_30d=D(10), planned=D(25))

        assert (check.band, check.hazard_ratio) == ("over-100", D("2.28"))
        assert check.percent_longer == D("150.0")
        assert check.over_by == D(14)

    @pytest.mark.parametrize(
        ("planned", "band"),
        [(D(11), "within"), (D("11.1"), "10-30"), (D(13), "10-30"), (D("13.1"), "30-100")]
        + [(D(20), "30-100"), (D("20.1"), "over-100")],
    )
    def test_it_puts_each_boundary_in_the_lower_band(self, planned, band):
        assert spike_check(longest_30d=D(10), planned=planned).band == band

    def test_it_reports_a_shorter_run_as_negative(self):
        check = spike_check(longest_30d=D(10), planned=D(8))

        assert check.percent_longer == D("-20.0")
        assert check.band == "within"

    def test_it_rounds_the_safe_maximum_down_to_a_tenth(self):
        assert spike_check(longest_30d=D("12.3"), planned=D(5)).safe_max == D("13.5")

    def test_it_rounds_the_percentage_to_one_decimal(self):
        assert spike_check(longest_30d=D(3), planned=D(4)).percent_longer == D("33.3")

    @pytest.mark.parametrize(("longest", "planned"), [(D(0), D(5)), (D(10), D(0)), (D(-1), D(5))])
    def test_it_requires_distances_above_zero(self, longest, planned):
        with pytest.raises(ValueError):
            spike_check(longest_30d=longest, planned=planned)


class TestSpikeBands:
    def test_it_keeps_the_bands_contiguous_and_sourced(self):
        assert SPIKE_BANDS[0].above is None and SPIKE_BANDS[-1].up_to is None
        for lower, upper in zip(SPIKE_BANDS, SPIKE_BANDS[1:], strict=False):
            assert lower.up_to == upper.above
        assert all("Frandsen" in band.source for band in SPIKE_BANDS)

    def test_it_gives_every_band_but_within_a_hazard_ratio(self):
        assert [band.hazard_ratio is None for band in SPIKE_BANDS] == [True, False, False, False]

    @given(tenths(1, 1000), tenths(1, 4000))
    def test_it_agrees_with_the_band_limits(self, longest, planned):
        check = spike_check(longest_30d=longest, planned=planned)
        band = spike_band((planned - longest) * 100 / longest)
        exact = (planned - longest) * 100 / longest

        assert check.band == band.name
        assert band.above is None or exact > band.above
        assert band.up_to is None or exact <= band.up_to
        assert (check.hazard_ratio is None) == (check.band == "within")
        assert (check.over_by == 0) == (check.band == "within")
        assert check.over_by >= 0
        if planned <= check.safe_max:
            assert check.band == "within"

    @given(tenths(1, 1000), tenths(1, 4000))
    def test_the_band_stated_on_the_page_contains_the_value(self, longest, planned):
        exact = (planned - longest) * 100 / longest
        check = spike_check(longest_30d=longest, planned=planned)
        [band] = [band for band in SPIKE_BANDS if band.contains(exact)]  # exactly one

        assert band.name == check.band and band.hazard_ratio == check.hazard_ratio
        assert stated_range_holds(band.words, exact), (band.words, exact)

    @pytest.mark.parametrize(
        ("planned", "band", "ratio"),
        [(D(12), "30-100", D("1.52")), (D("12.1"), "over-100", D("2.28"))]
        + [(D("7.2"), "10-30", D("1.64")), (D("6.6"), "within", None)],
    )
    def test_double_the_longest_is_the_top_of_the_moderate_band(self, planned, band, ratio):
        check = spike_check(longest_30d=D(6), planned=planned)
        assert (check.band, check.hazard_ratio) == (band, ratio)
        words = next(b.words for b in SPIKE_BANDS if b.name == band)
        assert stated_range_holds(words, (planned - 6) * 100 / 6)

    def test_it_states_each_end_as_the_study_did(self):
        assert [band.words for band in SPIKE_BANDS] == [
            "up to 10 % longer",
            "more than 10 % and up to 30 % longer",
            "more than 30 % and up to 100 % longer (up to double)",
            "more than 100 % longer (over double)",
        ]

    @given(tenths(1, 1000), tenths(1, 4000), tenths(1, 4000))
    def test_it_never_gives_a_longer_run_a_lower_band(self, longest, first, second):
        shorter, longer = sorted([first, second])
        low = spike_check(longest_30d=longest, planned=shorter)
        high = spike_check(longest_30d=longest, planned=longer)

        assert BAND_ORDER.index(low.band) <= BAND_ORDER.index(high.band)


def stated_range_holds(words, exact):
    """Read a band's words as a runner would and check ``exact`` satisfies them."""
    above = re.search(r"more than (\d+) %", words)
    up_to = re.search(r"up to (\d+) %", words)
    assert above or up_to, words
    return (above is None or exact > D(above.group(1))) and (
        up_to is None or exact <= D(up_to.group(1))
    )
