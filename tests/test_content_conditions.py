"""The conditions added and sharpened for self-check 2 (issue 9): their pages, and advice that
never contradicts the urgency a result gives."""

import re

import pytest
from django.utils.html import escape

from kneecare.content.models import Condition, Urgency
from kneecare.urgency import EMERGENCY, URGENCY_LEVELS
from tests.inputs import ADDED_CONDITION_SLUGS

SHARPENED_SLUGS = ("overuse-tendonitis", "knee-strain")

# Advice to carry on running. The self-check hides or reframes `self_care` under a result more
# urgent than self-care, so this advice must live there and nowhere else.
RUNNING_ON = re.compile(
    r"keep running|carry on|don.t stop|keep going|run through|running can|runs? can", re.IGNORECASE
)


class TestConditionPages:
    @pytest.mark.parametrize("slug", ADDED_CONDITION_SLUGS + SHARPENED_SLUGS)
    def test_it_renders_each_new_or_sharpened_condition_with_its_sources(
        self, client, seeded, slug
    ):
        condition = Condition.objects.get(slug=slug)
        response = client.get(f"/conditions/{slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'data-condition="{slug}"' in html
        assert f'data-urgency="{condition.urgency}"' in html
        for heading in ("Typical signs", "What to do", "When to see a professional", "Sources"):
            assert heading in html
        citations = list(condition.citations.select_related("study", "expert"))
        assert len(citations) >= 3
        assert html.count("data-citation") == len(citations)
        for citation in citations:
            assert escape(str(citation.source)) in html

    def test_it_says_bone_stress_needs_a_stop_and_a_visit(self, client, seeded):
        condition = Condition.objects.get(slug="bone-stress-injury")
        assert condition.urgency == Urgency.SOON
        html = client.get("/conditions/bone-stress-injury/").content.decode()
        assert "Stop running" in html
        assert "Song &amp; Koo, J Korean Med Sci 2020" in html

    def test_it_treats_a_kneecap_dislocation_as_urgent(self, seeded):
        assert Condition.objects.get(slug="kneecap-dislocation").urgency == Urgency.URGENT

    def test_it_gives_the_growth_plate_problem_its_age_range(self, seeded):
        condition = Condition.objects.get(slug="osgood-schlatter")
        assert "Sinding-Larsen-Johansson" in condition.also_known_as
        assert "10 to 16" in condition.signs


class TestAdviceAgreesWithUrgency:
    def test_it_takes_a_conditions_levels_from_the_shared_list_but_emergency(self):
        # A typical case is never an emergency (only a red flag in a self-check is); the
        # rest are the shared levels, least urgent first in the admin's choices.
        assert Urgency.values == [level for level in reversed(URGENCY_LEVELS) if level != EMERGENCY]

    def test_it_keeps_running_on_advice_in_the_self_care_field_only(self, seeded):
        for condition in Condition.objects.all():
            for field in ("summary", "signs", "see_professional"):
                found = RUNNING_ON.search(getattr(condition, field))
                assert found is None, f"{condition.slug}.{field}: {found and found.group()}"

    def test_it_never_tells_a_runner_to_carry_on_when_a_professional_should_see_them(self, seeded):
        for condition in Condition.objects.exclude(urgency=Urgency.SELF_CARE):
            found = RUNNING_ON.search(condition.self_care)
            assert found is None, f"{condition.slug}: {found and found.group()}"

    def test_it_finds_the_running_on_advice_it_looks_for(self, seeded):
        # The checks above mean something only if the pattern finds the advice where it is.
        runners_knee = Condition.objects.get(slug="runners-knee")
        assert RUNNING_ON.search(runners_knee.self_care)
        assert RUNNING_ON.search(Condition.objects.get(slug="knee-osteoarthritis").self_care)
