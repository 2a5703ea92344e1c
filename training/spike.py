"""Single-run spikes: is a planned run much longer than the recent longest?

Frandsen et al. (BJSM 2025) followed 5,205 runners over 588,071 runs. What
went with injury was one run longer than the longest of the previous 30 days;
week-to-week change in distance showed no link.
"""

from dataclasses import dataclass
from decimal import Decimal

from training.mileage import TEN_PERCENT, TENTH, Distance, as_distance, percent, round_down

FRANDSEN_2025 = "Frandsen et al., BJSM 2025 (5,205 runners, 588,071 runs)"


@dataclass(frozen=True)
class SpikeBand:
    name: str
    # How much longer than the 30-day longest, in percent: above ``above``,
    # up to and including ``up_to`` (None: no upper end).
    above: Decimal | None
    up_to: Decimal | None
    hazard_ratio: Decimal | None
    source: str

    def contains(self, percent_longer: Decimal) -> bool:
        """Whether an exact percentage falls in this band: above ``above`` (exclusive), up
        to and including ``up_to``, as Frandsen et al. categorised runs (">10 % and 30 %",
        ">30 % and 100 %", ">100 %")."""
        return (self.above is None or percent_longer > self.above) and (
            self.up_to is None or percent_longer <= self.up_to
        )

    @property
    def words(self) -> str:
        """The band's range as every page states it, its ends stated as :meth:`contains`
        reads them: "up to 10 % longer", "more than 10 % and up to 30 % longer", "more than
        100 % longer (over double)"."""
        if self.above is None:
            return f"up to {self.up_to} % longer"
        if self.up_to is None:
            double = " (over double)" if self.above == 100 else ""
            return f"more than {self.above} % longer{double}"
        double = " (up to double)" if self.up_to == 100 else ""
        return f"more than {self.above} % and up to {self.up_to} % longer{double}"


SPIKE_BANDS = (
    SpikeBand("within", None, Decimal(10), None, FRANDSEN_2025),
    SpikeBand("10-30", Decimal(10), Decimal(30), Decimal("1.64"), FRANDSEN_2025),
    SpikeBand("30-100", Decimal(30), Decimal(100), Decimal("1.52"), FRANDSEN_2025),
    SpikeBand("over-100", Decimal(100), None, Decimal("2.28"), FRANDSEN_2025),
)


@dataclass(frozen=True)
class SpikeCheck:
    percent_longer: Decimal
    band: str
    hazard_ratio: Decimal | None
    safe_max: Decimal
    over_by: Decimal


def spike_band(percent_longer: Decimal) -> SpikeBand:
    """The band of :data:`SPIKE_BANDS` that an exact percentage falls in."""
    return next(band for band in SPIKE_BANDS if band.contains(percent_longer))


def spike_check(*, longest_30d: Distance, planned: Distance) -> SpikeCheck:
    """Compare a planned run with the longest run of the last 30 days.

    Bands and hazard rate ratios from Frandsen et al. (BJSM 2025): more than 10 and
    up to 30 % longer 1.64, more than 30 and up to 100 % longer (exactly double
    included) 1.52, more than double 2.28; up to 10 %
    longer is "within" and has no ratio. The band uses the exact percentage;
    ``percent_longer`` is rounded to one decimal for display (negative when
    the run is shorter). ``safe_max`` is ``longest_30d`` plus 10 %, rounded
    down to 0.1; ``over_by`` is how far a run outside "within" goes past it.
    """
    longest_30d, planned = as_distance(longest_30d), as_distance(planned)
    if longest_30d <= 0:
        raise ValueError("The longest run of the last 30 days must be above zero.")
    if planned <= 0:
        raise ValueError("The planned run must be above zero.")
    band = spike_band((planned - longest_30d) * 100 / longest_30d)
    safe_max = round_down(longest_30d * (1 + TEN_PERCENT), TENTH)
    within = band is SPIKE_BANDS[0]
    return SpikeCheck(
        percent_longer=percent(planned - longest_30d, longest_30d),
        band=band.name,
        hazard_ratio=band.hazard_ratio,
        safe_max=safe_max,
        over_by=Decimal(0) if within else planned - safe_max,
    )
