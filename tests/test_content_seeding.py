from django.contrib.contenttypes.models import ContentType

from kneecare.content.models import (
    Citation,
    Condition,
    Exercise,
    Expert,
    GuidanceStep,
    Status,
    Study,
)
from kneecare.content.seeding import KINDS, load_seed, seed_content
from tests.inputs import ADDED_CONDITION_SLUGS, FIRST_CONDITION_SLUGS

# The six conditions of the first self-check, then the seven added for self-check 2 (issue 9).
CONDITION_SLUGS = set(FIRST_CONDITION_SLUGS + ADDED_CONDITION_SLUGS)
GUIDANCE_SLUGS = {
    "footwear",
    "hip-core-strength",
    "mileage",
    "off-road",
    "forward-lean",
    "cadence",
    "downhill",
}


class TestSeedSource:
    def test_it_references_only_experts_and_studies_that_exist(self):
        data = load_seed()
        experts = {e["slug"] for e in data["expert"]}
        studies = {s["slug"] for s in data["study"]}
        for section in ("condition", "step", "exercise"):
            for entry in data[section]:
                assert entry.get("citations"), f"{entry['slug']} has no source"
                for cited in entry["citations"]:
                    assert bool(cited.get("expert")) != bool(cited.get("study"))
                    assert cited.get("expert", "") in experts | {""}
                    assert cited.get("study", "") in studies | {""}


class TestSeedContent:
    def test_it_creates_the_thirteen_conditions_and_seven_steps_published(self, seeded):
        assert set(Condition.objects.published().values_list("slug", flat=True)) == CONDITION_SLUGS
        assert list(Condition.objects.values_list("slug", flat=True)) == list(
            FIRST_CONDITION_SLUGS + ADDED_CONDITION_SLUGS
        )  # display order
        assert (
            set(GuidanceStep.objects.published().values_list("slug", flat=True)) == GUIDANCE_SLUGS
        )
        assert Exercise.objects.published().count() >= 14
        assert Expert.objects.filter(slug="d-s-blaise-williams").exists()
        assert Study.objects.filter(slug="frandsen-2025").exists()

    def test_it_keeps_key_numbers_as_data(self, seeded):
        footwear = GuidanceStep.objects.get(slug="footwear")
        assert footwear.figure("shoe_life_min_miles") == 300
        assert footwear.figure("shoe_life_max_miles") == 600
        assert GuidanceStep.objects.get(slug="mileage").figure("weekly_increase_max_percent") == 10
        cadence = GuidanceStep.objects.get(slug="cadence")
        assert cadence.figure("cadence_line_spm") == 160
        assert cadence.figure("habit_weeks_min") == 4
        assert cadence.figure("habit_weeks_max") == 6
        lean = GuidanceStep.objects.get(slug="forward-lean")
        assert (lean.figure("lean_min_degrees"), lean.figure("lean_max_degrees")) == (7, 10)

    def test_it_attributes_every_condition_to_a_source(self, seeded):
        for condition in Condition.objects.all():
            assert condition.citations.exists(), condition.slug

    def test_it_changes_nothing_when_run_twice(self, seeded):
        citations = Citation.objects.count()
        history = {kind.section: kind.model.history.count() for kind in KINDS}
        report = seed_content()
        assert report.created == [] and report.updated == [] and report.kept == []
        assert len(report.unchanged) == sum(len(entries) for entries in load_seed().values())
        assert Citation.objects.count() == citations
        assert {kind.section: kind.model.history.count() for kind in KINDS} == history

    def test_it_adds_the_new_conditions_to_a_database_seeded_before_them(self, unseeded):
        data = load_seed()
        data["condition"] = [c for c in data["condition"] if c["slug"] in FIRST_CONDITION_SLUGS]
        seed_content(data)
        coach_edit = Condition.objects.get(slug="runners-knee")
        coach_edit.summary = "A coach rewrote this."
        coach_edit.save()

        report = seed_content()

        assert sorted(report.created) == sorted(f"condition:{s}" for s in ADDED_CONDITION_SLUGS)
        assert report.kept == ["condition:runners-knee"]
        assert Condition.objects.get(slug="runners-knee").summary == "A coach rewrote this."
        assert set(Condition.objects.published().values_list("slug", flat=True)) == CONDITION_SLUGS
        assert seed_content().created == []

    def test_it_sharpens_an_untouched_condition_from_an_older_seed(self, db):
        data = load_seed()
        older = next(c for c in data["condition"] if c["slug"] == "overuse-tendonitis")
        older["name"] = "Overuse tendonitis"
        seed_content(data)
        report = seed_content()
        assert "condition:overuse-tendonitis" in report.updated
        assert Condition.objects.get(slug="overuse-tendonitis").name != "Overuse tendonitis"

    def test_it_seeds_only_values_the_models_accept(self, seeded):
        # SQLite ignores max_length; PostgreSQL does not, so check every field as the admin would.
        for kind in KINDS:
            for record in kind.model.objects.all():
                record.full_clean()

    def test_it_never_overwrites_a_coach_edit(self, seeded):
        condition = Condition.objects.get(slug="it-band-syndrome")
        condition.summary = "A coach rewrote this."
        condition.save()
        report = seed_content()
        assert "condition:it-band-syndrome" in report.kept
        assert Condition.objects.get(slug="it-band-syndrome").summary == "A coach rewrote this."

    def test_it_keeps_a_coach_edit_to_a_citation(self, seeded):
        step = GuidanceStep.objects.get(slug="cadence")
        citation = Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(GuidanceStep), object_id=step.pk
        ).first()
        citation.claim = "Edited by a coach."
        citation.save()
        seed_content()
        assert step.citations.filter(claim="Edited by a coach.").exists()

    def test_it_keeps_a_draft_a_coach_unpublished(self, seeded):
        Condition.objects.filter(slug="knee-strain").update(status=Status.DRAFT)
        seed_content()
        assert Condition.objects.get(slug="knee-strain").status == Status.DRAFT

    def test_it_updates_an_untouched_record_when_the_seed_changes(self, seeded):
        data = load_seed()
        data["condition"][0]["summary"] = "A newer seed summary."
        report = seed_content(data)
        slug = data["condition"][0]["slug"]
        assert f"condition:{slug}" in report.updated
        assert Condition.objects.get(slug=slug).summary == "A newer seed summary."

    def test_it_restores_nothing_a_coach_created(self, seeded):
        Condition.objects.create(
            slug="patellar-tendinopathy", name="Jumper's knee", summary="s", signs="s",
            self_care="s", see_professional="s",
        )  # fmt: skip
        seed_content()
        assert Condition.objects.filter(slug="patellar-tendinopathy").exists()
