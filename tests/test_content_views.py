import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kneecare.content.models import Condition, Exercise, Status, Study
from kneecare.content.page_cache import generation
from tests.inputs import ADDED_CONDITION_SLUGS, FIRST_CONDITION_SLUGS

ALL_CONDITION_SLUGS = FIRST_CONDITION_SLUGS + ADDED_CONDITION_SLUGS


class TestHomePage:
    def test_it_offers_three_ways_in(self, client, seeded):
        response = client.get("/")
        assert response.status_code == 200
        for marker in (
            b'data-way-in="symptoms"',
            b'data-way-in="shoes"',
            b'data-way-in="training"',
        ):
            assert marker in response.content
        assert b"not a diagnosis" in response.content

    def test_it_lists_published_conditions_only(self, client, seeded):
        Condition.objects.filter(slug="knee-strain").update(status=Status.DRAFT)
        response = client.get("/")
        assert b"/conditions/it-band-syndrome/" in response.content
        assert b"/conditions/knee-strain/" not in response.content

    def test_it_lists_every_condition_in_display_order(self, client, seeded):
        html = client.get("/").content.decode()
        positions = [html.index(f'href="/conditions/{slug}/"') for slug in ALL_CONDITION_SLUGS]
        assert positions == sorted(positions)

    def test_it_refuses_post(self, client, seeded):
        assert client.post("/").status_code == 405


class TestConditionList:
    def test_it_lists_all_thirteen_conditions_with_their_summaries(self, client, seeded):
        html = client.get("/conditions/").content.decode()
        assert html.count("data-condition=") == len(ALL_CONDITION_SLUGS)
        for slug in ALL_CONDITION_SLUGS:
            assert f'data-condition="{slug}"' in html
        assert "Sinding-Larsen-Johansson" in html
        assert "Six common causes" not in html


class TestConditionPage:
    def test_it_renders_from_content_with_sources(self, client, seeded):
        response = client.get("/conditions/it-band-syndrome/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-condition="it-band-syndrome"' in html
        assert "Leon Popovitz" in html
        assert "Sources" in html

    def test_it_links_the_guidance_and_exercises_that_help(self, client, seeded):
        html = client.get("/conditions/it-band-syndrome/").content.decode()
        assert 'href="/guidance/downhill/"' in html
        assert "#exercise-foam-rolling" in html

    def test_it_leaves_out_unpublished_links(self, client, seeded):
        Exercise.objects.filter(slug="foam-rolling").update(status=Status.DRAFT)
        html = client.get("/conditions/it-band-syndrome/").content.decode()
        assert "#exercise-foam-rolling" not in html

    def test_it_shows_a_coach_edit_at_once(self, client, seeded):
        client.get("/conditions/runners-knee/")  # cache the page
        condition = Condition.objects.get(slug="runners-knee")
        condition.summary = "Freshly edited by a coach."
        condition.save()
        assert b"Freshly edited by a coach." in client.get("/conditions/runners-knee/").content

    def test_it_hides_drafts(self, client, seeded):
        Condition.objects.filter(slug="meniscus-tear").update(status=Status.DRAFT)
        assert client.get("/conditions/meniscus-tear/").status_code == 404

    def test_it_gives_a_friendly_404(self, client, seeded):
        response = client.get("/conditions/no-such-thing/")
        assert response.status_code == 404
        assert b"We could not find that page" in response.content

    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/conditions/",
            "/conditions/ligament-tear/",
            "/conditions/bone-stress-injury/",
            "/guidance/",
            "/guidance/cadence/",
            "/sources/",
        ],
    )
    def test_it_uses_at_most_three_queries(self, client, seeded, url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 3, [q["sql"] for q in queries]


class TestGuidancePage:
    def test_it_shows_key_numbers_and_sources(self, client, seeded):
        html = client.get("/guidance/cadence/").content.decode()
        assert '<tr data-figure="cadence_line_spm">' in html
        assert "<td>160 steps per minute</td>" in html
        assert "E+" not in html
        assert "Blaise Williams" in html

    def test_it_lists_all_seven_steps(self, client, seeded):
        html = client.get("/guidance/").content.decode()
        assert html.count("data-guidance=") == 7


class TestSourcesPage:
    def test_it_lists_experts_and_studies(self, client, seeded):
        html = client.get("/sources/").content.decode()
        assert "Ian Sharman" in html
        assert "Frandsen" in html

    def test_it_lists_the_sources_of_the_added_conditions(self, client, seeded):
        html = client.get("/sources/").content.decode()
        for slug in (
            "nice-ng226",
            "kujala-1985",
            "rch-patellar-dislocation",
            "bylund-de-weber-2010",
            "song-koo-2020",
            "nhs-bakers-cyst",
            "statpearls-pes-anserine",
            "malliaras-2015",
        ):
            assert f'id="study-{slug}"' in html
        assert html.count('id="study-') == Study.objects.count()


class TestContentPageCache:
    def test_it_keeps_one_entry_whatever_the_query_string(self, client, seeded):
        client.get("/sources/?junk=1")
        client.get("/sources/?junk=2")
        assert cache.get(f"content:page:{generation()}:/sources/") is not None
        assert cache.get(f"content:page:{generation()}:/sources/?junk=1") is None


class TestServerErrorPage:
    def test_it_is_friendly_and_keeps_the_red_flags(self, rf):
        from django.views.defaults import server_error

        response = server_error(rf.get("/"))
        html = response.content.decode()
        assert response.status_code == 500
        assert "Sorry, something went wrong on our side" in html
        assert "get medical help now" in html
        assert "<script" not in html


class TestSourcesPagePunctuation:
    def test_it_never_doubles_a_full_stop(self, client, seeded):
        import re

        html = client.get("/sources/").content.decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
        assert ".." not in text.replace("…", "")
