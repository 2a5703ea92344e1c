"""A clinic's link: /c/<slug>/ serves the self-checks in the clinic's name."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinics.branding import current_clinic
from clinics.models import phone_uri
from kneecare.tools import TOOL_NAMES
from tests.clinics import PREFIX, make_clinic, png_bytes, with_logo
from tests.inputs import SELF_CARE_ANSWERS, TRAINING_QUERIES, URGENT_ANSWERS


@pytest.fixture
def clinic(db):
    return make_clinic()


def links_and_actions(html):
    """Every address a page links to or posts to, hx-* included, on this site."""
    found = re.findall(r'\s(?:href|action|hx-post|hx-get|src)="([^"]*)"', html)
    return [url for url in found if url.startswith("/") and not url.startswith("//")]


def assert_branded(response, clinic_name="Riverside Physio", prefix=PREFIX):
    html = response.content.decode()
    assert response.status_code == 200, html[:500]
    assert clinic_name in html
    addresses = links_and_actions(html)
    assert addresses
    outside = [url for url in addresses if not url.startswith((prefix, "/static/"))]
    assert outside == []


class TestLanding:
    def test_it_opens_in_the_clinics_name(self, client, clinic, seeded):
        response = client.get(PREFIX)
        assert_branded(response)
        html = response.content.decode()
        assert "Bring your running shoes to your appointment." in html
        assert 'href="tel:+442079460000"' in html
        assert "<title>Riverside Physio · KneeCare · Riverside Physio</title>" in html

    def test_it_links_only_the_checks_the_clinic_offers(self, client, seeded):
        make_clinic(tools=["symptoms"])
        html = client.get(PREFIX).content.decode()
        assert 'data-way-in="symptoms"' in html
        assert 'href="/c/riverside/symptoms/check/"' in html
        for tool in ("shoes", "mileage", "spike", "cadence"):
            assert f'data-way-in="{tool}"' not in html

    def test_it_adds_the_slash(self, client, clinic):
        response = client.get("/c/riverside")
        assert response.status_code == 301
        assert response["Location"] == PREFIX

    def test_it_refuses_post(self, client, clinic):
        assert client.post(PREFIX).status_code == 405

    def test_it_loads_the_clinic_once_then_from_the_cache(
        self, client, clinic, django_assert_num_queries
    ):
        client.get(PREFIX)
        with django_assert_num_queries(0):
            assert client.get(PREFIX).status_code == 200

    def test_it_shows_an_edit_at_once(self, client, clinic):
        client.get(PREFIX)
        clinic.name = "Riverside Sports Physio"
        clinic.save()
        assert b"Riverside Sports Physio" in client.get(PREFIX).content


class TestEdges:
    def test_it_answers_an_unknown_clinic_with_the_friendly_404(self, client, db):
        response = client.get("/c/nowhere/")
        assert response.status_code == 404
        assert b"We could not find that page" in response.content
        assert client.get("/c/nowhere/symptoms/check/").status_code == 404

    def test_it_sends_an_inactive_clinics_patients_to_the_general_check(self, client, db):
        make_clinic(active=False)
        for path in (PREFIX, PREFIX + "symptoms/check/", PREFIX + "conditions/"):
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 404
            assert "This link is no longer active" in html
            assert 'href="/symptoms/check/"' in html
            assert "Riverside Physio" in html
            assert "no-cache" in response["Cache-Control"]

    def test_it_comes_back_when_the_clinic_is_switched_on_again(self, client, db):
        clinic = make_clinic(active=False)
        assert client.get(PREFIX).status_code == 404
        clinic.active = True
        clinic.save()
        assert client.get(PREFIX).status_code == 200

    def test_it_does_not_serve_a_check_the_clinic_does_not_offer(self, client, db):
        make_clinic(tools=["shoes"])
        response = client.get(PREFIX + "symptoms/check/")
        assert response.status_code == 404
        assert b"Riverside Physio" in response.content
        assert client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS).status_code == 404
        assert client.get(PREFIX + "symptoms/").status_code == 404
        assert client.get("/symptoms/check/").status_code == 200

    def test_it_links_only_the_checks_the_clinic_offers(self, client, seeded):
        make_clinic(tools=["shoes", "cadence"])
        html = client.get(PREFIX + "training/").content.decode()
        assert 'data-tool-link="cadence"' in html
        assert 'data-tool-link="shoes"' in html
        assert 'data-tool-link="mileage"' not in html
        assert 'data-tool-link="spike"' not in html
        header = client.get(PREFIX + "conditions/").content.decode()
        assert PREFIX + "symptoms/check/" not in header
        assert PREFIX + "training/shoes/" in header
        plain = client.get("/training/").content.decode()
        assert 'data-tool-link="mileage"' in plain

    def test_it_keeps_content_pages_under_the_link(self, client, seeded):
        make_clinic(tools=[])
        assert_branded(client.get(PREFIX + "conditions/"))
        assert_branded(client.get(PREFIX + "conditions/it-band-syndrome/"))

    def test_it_leaves_the_admin_out_of_clinic_links(self, client, clinic):
        assert client.get(PREFIX + "admin/").status_code == 404

    def test_it_follows_a_renamed_slug_at_once(self, client, clinic):
        client.get(PREFIX)
        clinic.slug = "riverside-sports"
        clinic.save()
        assert client.get(PREFIX).status_code == 404
        assert client.get("/c/riverside-sports/").status_code == 200


class TestPlainSite:
    def test_it_never_shares_a_cached_page_with_a_clinic(self, client, clinic, seeded):
        for path in ("conditions/", "conditions/it-band-syndrome/", "guidance/", "sources/"):
            plain = client.get("/" + path).content
            branded = client.get(PREFIX + path).content
            again = client.get("/" + path).content
            assert b"Riverside Physio" not in plain
            assert b"Riverside Physio" in branded
            assert again == plain

    def test_it_forgets_cached_clinic_pages_when_the_clinic_changes(self, client, clinic, seeded):
        client.get(PREFIX + "conditions/")
        clinic.message = "New opening hours from May."
        clinic.save()
        assert b"New opening hours from May." in client.get(PREFIX + "conditions/").content

    def test_it_has_no_clinic_outside_a_link(self, client, seeded):
        response = client.get("/conditions/")
        assert response.wsgi_request.clinic is None
        assert b'class="clinic-brand' not in response.content

    def test_it_leaves_the_request_state_as_it_found_it(self, client, clinic):
        from django.urls import get_script_prefix, get_urlconf

        client.get(PREFIX)
        assert get_script_prefix() == "/"
        assert get_urlconf() in (None, "kneecare.urls")
        assert current_clinic.get() is None


class TestSymptomFlow:
    def test_it_keeps_the_branding_from_landing_to_result(self, client, clinic, seeded):
        assert_branded(client.get(PREFIX))
        page = client.get(PREFIX + "symptoms/check/")
        assert_branded(page)
        assert 'action="/c/riverside/symptoms/check/#result"' in page.content.decode()
        result = client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS)
        assert_branded(result)
        assert 'data-urgency="self-care"' in result.content.decode()

    def test_it_keeps_the_branding_in_the_htmx_result(self, client, clinic, seeded):
        response = client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert 'href="tel:+442079460000"' in html
        assert all(url.startswith(PREFIX) for url in links_and_actions(html) if "tel:" not in url)

    def test_it_adds_the_clinics_phone_and_advice_to_an_urgent_result(self, client, clinic, seeded):
        html = client.post(PREFIX + "symptoms/check/", URGENT_ANSWERS).content.decode()
        assert 'data-urgency="urgent"' in html
        assert 'href="tel:+442079460000"' in html
        assert "Call Riverside Physio first" in html  # before the general urgent-care link
        assert "We keep same-day slots for injuries." in html

    def test_it_still_says_to_call_emergency_services_first(self, client, clinic, seeded):
        answers = {**SELF_CARE_ANSWERS, "hot_or_fever": "on", "swelling": "later"}
        html = client.post(PREFIX + "symptoms/check/", answers).content.decode()
        assert 'data-urgency="emergency"' in html
        assert "Call your emergency number first" in html
        assert html.index("Get emergency help now") < html.index('href="tel:+442079460000"')

    def test_it_adds_no_clinic_contact_to_a_self_care_result(self, client, clinic, seeded):
        html = client.post(PREFIX + "symptoms/check/", SELF_CARE_ANSWERS).content.decode()
        assert "tel:" not in html

    def test_it_adds_no_clinic_contact_on_the_plain_site(self, client, clinic, seeded):
        html = client.post("/symptoms/check/", URGENT_ANSWERS).content.decode()
        assert 'data-urgency="urgent"' in html
        assert "tel:" not in html
        assert "Riverside Physio" not in html

    def test_it_sets_no_cookie_of_its_own(self, client, clinic, seeded):
        plain = cookie_names(client, "/symptoms/check/", SELF_CARE_ANSWERS)
        client.cookies.clear()
        branded = cookie_names(client, PREFIX + "symptoms/check/", SELF_CARE_ANSWERS)
        assert branded == plain
        client.cookies.clear()
        assert client.get(PREFIX).cookies == {}
        assert client.get(PREFIX + "conditions/").cookies == {}


def cookie_names(client, path, answers):  # noqa: N802
    names = set(client.get(path).cookies)
    names |= set(client.post(path, answers).cookies)
    return names


class TestTrainingFlows:
    @pytest.mark.parametrize("tool", TRAINING_QUERIES)
    def test_it_keeps_the_branding_from_landing_to_result(self, client, clinic, seeded, tool):
        landing = client.get(PREFIX).content.decode()
        assert f'href="{PREFIX}training/{tool}/"' in landing
        page = client.get(f"{PREFIX}training/{tool}/")
        assert_branded(page)
        assert f'action="{PREFIX}training/{tool}/"' in page.content.decode()
        result = client.get(f"{PREFIX}training/{tool}/?{TRAINING_QUERIES[tool]}")
        assert_branded(result)
        plain = client.get(f"/training/{tool}/?{TRAINING_QUERIES[tool]}").content
        assert b"Riverside Physio" not in plain

    def test_it_keeps_the_branding_on_the_hub_and_the_strength_plan(self, client, clinic, seeded):
        assert_branded(client.get(PREFIX + "training/"))
        assert_branded(client.get(PREFIX + "training/strength/"))

    def test_it_keeps_the_prefix_on_the_plan_exports(self, client, clinic, seeded):
        html = client.get(f"{PREFIX}training/mileage/?{TRAINING_QUERIES['mileage']}").content
        assert b'href="/c/riverside/training/mileage/plan.csv?' in html
        export = client.get(f"{PREFIX}training/mileage/plan.csv?{TRAINING_QUERIES['mileage']}")
        assert export.status_code == 200

    @pytest.mark.parametrize("tool", TRAINING_QUERIES)
    def test_it_does_not_serve_a_tool_the_clinic_does_not_offer(self, client, seeded, tool):
        make_clinic(tools=[other for other in TOOL_NAMES if other != tool])
        assert f'data-way-in="{tool}"' not in client.get(PREFIX).content.decode()
        response = client.get(f"{PREFIX}training/{tool}/?{TRAINING_QUERIES[tool]}")
        assert response.status_code == 404
        assert client.get(f"/training/{tool}/").status_code == 200

    def test_it_keeps_the_mileage_exports_with_the_mileage_tool(self, client, seeded):
        make_clinic(tools=["symptoms"])
        path = f"{PREFIX}training/mileage/plan.ics?{TRAINING_QUERIES['mileage']}"
        assert client.get(path).status_code == 404


class TestLogo:
    def test_it_serves_the_logo_from_the_database_with_a_long_cache(self, client, clinic):
        with_logo(clinic)
        page = client.get(PREFIX).content.decode()
        src = re.search(r'class="clinic-logo" src="([^"]+)"', page)[1]
        assert src == f"{PREFIX}logo/?v={clinic.logo_version}"
        response = client.get(src)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        # The stored logo: re-encoded from the upload's pixels (tests/test_logo.py).
        assert response.content == bytes(clinic.logo)
        assert response.content.startswith(b"\x89PNG")
        assert "immutable" in response["Cache-Control"]
        assert "max-age=31536000" in response["Cache-Control"]
        assert response["ETag"] == f'"{clinic.logo_version}"'
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_it_answers_a_matching_etag_with_not_modified(self, client, clinic):
        with_logo(clinic)
        response = client.get(PREFIX + "logo/", HTTP_IF_NONE_MATCH=f'"{clinic.logo_version}"')
        assert response.status_code == 304

    def test_it_revalidates_an_old_version(self, client, clinic):
        with_logo(clinic)
        response = client.get(PREFIX + "logo/?v=old")
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]

    def test_it_moves_to_a_new_address_with_a_new_logo(self, client, clinic):
        old = with_logo(clinic).logo_version
        new = with_logo(clinic, png_bytes(size=(80, 40))).logo_version
        assert new != old
        assert f"logo/?v={new}" in client.get(PREFIX).content.decode()

    def test_it_has_no_logo_to_serve(self, client, clinic):
        assert client.get(PREFIX + "logo/").status_code == 404
        assert b'class="clinic-logo"' not in client.get(PREFIX).content


class TestPhoneUri:
    @pytest.mark.parametrize(
        ("phone", "uri"),
        [
            ("+44 (0)1234 567890", "tel:+441234567890"),
            ("+44(0)20 7946 0000", "tel:+442079460000"),
            ("+49 (0) 30 1234567", "tel:+49301234567"),
            ("+44 20 7946 0000", "tel:+442079460000"),
            ("(01234) 567890", "tel:01234567890"),  # a national number keeps its 0
            ("020 7946-0000", "tel:02079460000"),
        ],
    )
    def test_it_dials_the_number_as_written_internationally(self, phone, uri):
        assert phone_uri(phone) == uri

    @given(
        country=st.from_regex(r"[1-9]\d{0,2}", fullmatch=True),
        number=st.from_regex(r"[1-9][\d ]{5,12}", fullmatch=True),
    )
    def test_a_trunk_zero_after_the_country_code_is_left_out(self, country, number):
        with_trunk = phone_uri(f"+{country} (0){number}")
        assert with_trunk == phone_uri(f"+{country} {number}")
        assert with_trunk == "tel:+" + country + number.replace(" ", "")
