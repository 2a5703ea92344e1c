"""Anonymous counts: one more per completed check under a clinic's link, and nothing else."""

import importlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from clinics.branding import ClinicBrand, current_clinic
from clinics.models import Clinic, DailyCount
from clinics.usage import Column, bar_chart, count_table
from kneecare.tools import TOOL_NAMES, check_completed
from tests.clinics import PREFIX, make_clinic
from tests.inputs import SELF_CARE_ANSWERS, TRAINING_QUERIES, URGENT_ANSWERS
from tests.run_file_fixtures import gpx_run


@pytest.fixture
def clinic(db):
    return make_clinic()


def stored_counts():
    return list(DailyCount.objects.values_list("clinic__slug", "day", "tool", "urgency", "count"))


class TestWhatIsStored:
    def test_it_has_only_clinic_day_tool_urgency_and_count(self):
        names = {field.name for field in DailyCount._meta.get_fields()}
        assert names == {"id", "clinic", "day", "tool", "urgency", "count"}

    def test_it_counts_a_symptom_check_under_a_clinic_link(self, client, clinic, seeded):
        client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS)
        assert stored_counts() == [("riverside", timezone.localdate(), "symptoms", "urgent", 1)]
        client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS)
        client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS)
        assert sorted(stored_counts()) == [
            ("riverside", timezone.localdate(), "symptoms", "self-care", 1),
            ("riverside", timezone.localdate(), "symptoms", "urgent", 2),
        ]

    def test_it_counts_the_htmx_result_too(self, client, clinic, seeded):
        client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS, HTTP_HX_REQUEST="true")
        assert [row[-1] for row in stored_counts()] == [1]

    def test_it_counts_nothing_for_a_blank_or_invalid_form(self, client, clinic, seeded):
        client.get(PREFIX + "symptoms/check/")
        client.post(PREFIX + "symptoms/check/", {"onset": "sideways"})
        assert stored_counts() == []

    def test_it_counts_nothing_on_the_plain_site(self, client, clinic, seeded):
        client.post("/symptoms/check/", URGENT_ANSWERS)
        client.post("/symptoms/check/", URGENT_ANSWERS, HTTP_HX_REQUEST="true")
        assert stored_counts() == []

    def test_it_counts_nothing_for_an_inactive_clinic(self, client, seeded):
        make_clinic(active=False)
        client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS)
        assert stored_counts() == []

    def test_it_keeps_each_clinic_apart(self, client, clinic, seeded):
        make_clinic(name="Hillside", slug="hillside")
        client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS)
        client.post("/c/hillside/symptoms/check/", URGENT_ANSWERS)
        assert sorted(row[0] for row in stored_counts()) == ["hillside", "riverside"]


class TestTrainingCounts:
    @pytest.mark.parametrize("tool", TRAINING_QUERIES)
    def test_it_counts_one_per_finished_tool(self, client, clinic, seeded, tool):
        client.get(f"{PREFIX}training/{tool}/")
        assert stored_counts() == []
        client.get(f"{PREFIX}training/{tool}/?{TRAINING_QUERIES[tool]}")
        assert stored_counts() == [("riverside", timezone.localdate(), tool, "", 1)]
        # Served from the page cache the second time, and still counted.
        client.get(f"{PREFIX}training/{tool}/?{TRAINING_QUERIES[tool]}")
        assert stored_counts() == [("riverside", timezone.localdate(), tool, "", 2)]

    @pytest.mark.parametrize("tool", TRAINING_QUERIES)
    def test_it_counts_nothing_on_the_plain_site(self, client, clinic, seeded, tool):
        client.get(f"/training/{tool}/?{TRAINING_QUERIES[tool]}")
        assert stored_counts() == []


class TestYourRunsAndReturnToRunCounts:
    """The upload and the walk-run programme count like the other tools: the tool's name."""

    def upload(self, client, prefix, data):
        files = [SimpleUploadedFile("run.gpx", data, content_type="application/gpx+xml")]
        return client.post(f"{prefix}training/runs/", {"files": files, "unit": "km"})

    def test_an_upload_that_found_runs_counts_under_a_clinic_link(self, client, clinic, seeded):
        assert self.upload(client, PREFIX, gpx_run()).status_code == 200
        assert stored_counts() == [("riverside", timezone.localdate(), "runs", "", 1)]

    def test_an_upload_without_runs_or_on_the_plain_site_counts_nothing(
        self, client, clinic, seeded
    ):
        client.get(f"{PREFIX}training/runs/")
        self.upload(client, PREFIX, b"<gpx>no run here</gpx>")
        self.upload(client, "/", gpx_run())
        assert stored_counts() == []

    def test_a_chosen_schedule_or_an_after_session_check_counts(self, client, clinic, seeded):
        url = f"{PREFIX}training/return-to-run/"
        client.get(url)  # the default schedule, before the runner chose anything
        client.get(f"{url}?unit=mi")
        client.get(f"{url}?pain_during=12&settled=yes")  # invalid: no verdict
        assert stored_counts() == []
        client.get(f"{url}?days_between=3")
        client.get(f"{url}?pain_during=3&settled=yes")
        client.get(f"{url}?days_between=3", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="result")
        assert stored_counts() == [("riverside", timezone.localdate(), "return_to_run", "", 2)]
        client.get("/training/return-to-run/?days_between=3")
        assert stored_counts()[0][-1] == 2

    @pytest.mark.parametrize(
        "tool, path",
        [("runs", "training/runs/"), ("return_to_run", "training/return-to-run/schedule.ics")],
    )
    def test_a_clinic_that_leaves_a_tool_out_does_not_serve_it(self, client, seeded, tool, path):
        make_clinic(tools=[name for name in TOOL_NAMES if name != tool])
        assert client.get(PREFIX + path).status_code == 404
        assert client.get("/" + path).status_code != 404

    def test_the_migration_keeps_offering_them_to_every_existing_clinic(self, db):
        from django.apps import apps

        migration = importlib.import_module("clinics.migrations.0004_tools_runs_and_return_to_run")
        make_clinic(tools=["shoes", "symptoms"])
        migration.offer_new_tools(apps, None)
        assert Clinic.objects.get().tools == ["symptoms", "shoes", "runs", "return_to_run"]
        migration.withdraw_new_tools(apps, None)
        assert Clinic.objects.get().tools == ["symptoms", "shoes"]


class TestTheReceiver:
    def brand(self, clinic):
        return ClinicBrand.of(clinic)

    def test_it_ignores_a_check_outside_a_clinic(self, clinic):
        check_completed.send(sender=None, tool="shoes", urgency="")
        assert stored_counts() == []

    def test_it_adds_exactly_one_per_signal(self, clinic):
        token = current_clinic.set(self.brand(clinic))
        try:
            for _ in range(3):
                check_completed.send(sender=None, tool="spike", urgency="")
        finally:
            current_clinic.reset(token)
        assert stored_counts() == [("riverside", timezone.localdate(), "spike", "", 3)]

    @pytest.mark.parametrize(("tool", "urgency"), [("knees", ""), ("symptoms", "someday")])
    def test_it_refuses_a_tool_or_urgency_it_does_not_know(self, clinic, tool, urgency):
        token = current_clinic.set(self.brand(clinic))
        try:
            check_completed.send(sender=None, tool=tool, urgency=urgency)
        finally:
            current_clinic.reset(token)
        assert stored_counts() == []


class TestAddOne:
    KEY = {"tool": "shoes", "urgency": ""}

    def test_it_creates_then_increments(self, clinic):
        today = timezone.localdate()
        for _ in range(2):
            DailyCount.objects.add_one(clinic_id=clinic.pk, day=today, **self.KEY)
        assert DailyCount.objects.get().count == 2

    def test_it_survives_losing_the_race_to_create_the_row(self, clinic, monkeypatch):
        """Another request inserts the day's row just after our UPDATE found none."""
        today = timezone.localdate()
        queryset_class = type(DailyCount.objects.all())
        real_update = queryset_class.update
        calls = []

        def update_then_a_rival_inserts(self, **kwargs):
            calls.append(kwargs)
            if len(calls) == 1:
                DailyCount.objects.bulk_create(
                    [DailyCount(clinic=clinic, day=today, count=1, **TestAddOne.KEY)]
                )
                return 0
            return real_update(self, **kwargs)

        monkeypatch.setattr(queryset_class, "update", update_then_a_rival_inserts)
        DailyCount.objects.add_one(clinic_id=clinic.pk, day=today, **self.KEY)
        assert len(calls) == 2
        assert DailyCount.objects.get().count == 2

    def test_it_has_one_row_per_clinic_day_tool_and_urgency(self, clinic):
        today = timezone.localdate()
        DailyCount.objects.create(clinic=clinic, day=today, count=1, **self.KEY)
        with pytest.raises(IntegrityError):
            DailyCount.objects.create(clinic=clinic, day=today, count=1, **self.KEY)


DAY = date(2026, 5, 30)


class TestCountTable:
    def table(self, counts, days=30):
        return count_table(
            counts,
            last_day=DAY,
            days=days,
            tools=TOOL_NAMES,
            urgencies=("emergency", "urgent", "soon", "self-care", ""),
        )

    def test_it_has_every_day_newest_first(self):
        table = self.table([])
        assert [row.day for row in table.rows][:2] == [DAY, DAY - timedelta(days=1)]
        assert len(table.rows) == 30
        assert table.columns == ()
        assert table.total == 0

    def test_it_orders_columns_by_tool_then_urgency(self):
        table = self.table(
            [
                (DAY, "shoes", "", 1),
                (DAY, "symptoms", "self-care", 2),
                (DAY, "symptoms", "urgent", 3),
            ]
        )
        assert table.columns == (
            Column("symptoms", "urgent"),
            Column("symptoms", "self-care"),
            Column("shoes", ""),
        )
        assert table.rows[0].cells == (3, 2, 1)
        assert table.rows[0].total == 6

    def test_it_leaves_out_days_outside_the_window(self):
        table = self.table([(DAY - timedelta(days=30), "shoes", "", 9), (DAY, "shoes", "", 1)])
        assert table.total == 1
        assert table.column_totals == (1,)


class TestBarChart:
    def test_it_draws_the_busiest_day_full_height_oldest_on_the_left(self):
        table = count_table(
            [
                (DAY, "symptoms", "urgent", 4),
                (DAY, "shoes", "", 2),
                (DAY - timedelta(1), "shoes", "", 3),
            ],
            last_day=DAY,
            days=7,
            tools=TOOL_NAMES,
            urgencies=("urgent", ""),
        )
        chart = bar_chart(table, width=400, height=200)
        assert [bar.day for bar in chart.bars][-1] == DAY
        assert chart.scale_max == 6
        last = chart.bars[-1]
        assert [segment.tool for segment in last.segments] == ["symptoms", "shoes"]
        assert last.segments[-1].y == pytest.approx(chart.plot_top)
        assert sum(segment.height for segment in last.segments) == pytest.approx(
            chart.plot_bottom - chart.plot_top
        )
        assert all(bar.x < later.x for bar, later in zip(chart.bars, chart.bars[1:]))

    def test_it_draws_an_empty_month(self):
        chart = bar_chart(count_table([], last_day=DAY, days=30, tools=TOOL_NAMES, urgencies=("",)))
        assert chart.scale_max == 1
        assert all(bar.segments == () for bar in chart.bars)
