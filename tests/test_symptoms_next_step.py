"""The next step a self-check result offers for each urgency: the deployment's emergency number
and urgent-care service (settings), a clinic's own contact first under its link, the summary."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from kneecare.help_contacts import HelpContacts
from tests.clinics import PREFIX, make_clinic
from tests.inputs import SELF_CARE_ANSWERS, URGENT_ANSWERS

URL = "/symptoms/check/"
HTMX = {"HTTP_HX_REQUEST": "true"}
EMERGENCY_ANSWERS = {**SELF_CARE_ANSWERS, "swelling": "later", "hot_or_fever": "on"}
SOON_ANSWERS = {
    "pain_location": "inner",
    "onset": "sudden",
    "injury_event": ["fall"],
    "swelling": "none",
    "weight_bearing": "normal",
    "worse_with": ["bending"],
    "pain_level": "9",
}
ANSWERS = {
    "emergency": EMERGENCY_ANSWERS,
    "urgent": URGENT_ANSWERS,
    "soon": SOON_ANSWERS,
    "self-care": SELF_CARE_ANSWERS,
}


def result_html(client, urgency: str, url: str = URL, **headers) -> str:
    response = client.post(url, ANSWERS[urgency], **headers)
    html = response.content.decode()
    assert f'data-urgency="{urgency}"' in html, "the answers no longer give this urgency"
    return html


def tel_links(html: str) -> list[str]:
    return re.findall(r'href="tel:([^"]*)"', html)


def urgent_care_links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*data-urgent-care[^>]*>", html)


class TestEmergency:
    @pytest.mark.parametrize("headers", [{}, HTMX])
    def test_it_offers_the_configured_number_once(self, client, seeded, headers):
        html = result_html(client, "emergency", **headers)
        assert tel_links(html) == [settings.EMERGENCY_NUMBER]
        assert f"Call {settings.EMERGENCY_NUMBER}</a>" in html
        assert 'data-next-step="emergency"' in html and "data-emergency-numbers" in html

    @override_settings(EMERGENCY_NUMBER="000")
    def test_it_never_mixes_in_another_countrys_number(self, client, seeded):
        html = result_html(client, "emergency", **HTMX)
        assert tel_links(html) == ["000"]
        for other in ("999", "112", "911"):
            assert other not in html

    def test_it_puts_the_number_before_a_clinics_phone(self, client, seeded):
        make_clinic()
        html = result_html(client, "emergency", PREFIX + "symptoms/check/")
        assert tel_links(html) == [settings.EMERGENCY_NUMBER, "+442079460000"]
        assert "Call your emergency number first" in html

    @pytest.mark.parametrize("headers", [{}, HTMX])
    def test_it_never_shows_the_clinics_same_day_advice(self, client, seeded, headers):
        make_clinic()
        html = result_html(client, "emergency", PREFIX + "symptoms/check/", **headers)
        assert "same-day slots" not in html and "After that" not in html
        assert "Afterwards, you can let Riverside Physio know" in html

    def test_it_shows_nothing_of_a_clinic_with_advice_but_no_phone(self, client, seeded):
        make_clinic(phone="")
        html = result_html(client, "emergency", PREFIX + "symptoms/check/")
        assert "same-day slots" not in html and "data-clinic-contact" not in html


class TestUrgent:
    @override_settings(URGENT_CARE_URL="https://urgent.example/find", URGENT_CARE_LABEL="Find care")
    def test_it_links_the_configured_urgent_care_service_in_a_new_tab(self, client, seeded):
        html = result_html(client, "urgent", **HTMX)
        [link] = urgent_care_links(html)
        assert 'href="https://urgent.example/find"' in link
        assert 'target="_blank"' in link and 'rel="noopener"' in link
        assert "Find care <span" in html and "(opens in a new tab)" in html
        assert tel_links(html) == []  # no emergency number for an urgent result

    def test_it_puts_a_clinics_phone_and_advice_first(self, client, seeded):
        make_clinic()
        html = result_html(client, "urgent", PREFIX + "symptoms/check/")
        clinic_phone = html.index('href="tel:+442079460000"')
        assert clinic_phone < html.index("We keep same-day slots for injuries.")
        assert html.index("We keep same-day slots") < html.index(settings.URGENT_CARE_URL)
        assert "Call Riverside Physio first" in html
        assert "If you cannot reach them" in html


class TestSoonAndSelfCare:
    def test_it_offers_urgent_care_if_a_soon_knee_gets_worse(self, client, seeded):
        html = result_html(client, "soon")
        assert len(urgent_care_links(html)) == 1
        assert tel_links(html) == []

    def test_it_books_with_the_clinic_under_its_link(self, client, seeded):
        make_clinic()
        html = result_html(client, "soon", PREFIX + "symptoms/check/")
        assert "Book with Riverside Physio" in html
        assert html.index("tel:+442079460000") < html.index(settings.URGENT_CARE_URL)
        assert "same-day slots" not in html  # the clinic's urgent advice is for "today"

    def test_it_shows_no_clinic_box_for_advice_without_a_phone(self, client, seeded):
        make_clinic(phone="")
        html = result_html(client, "soon", PREFIX + "symptoms/check/")
        assert "same-day slots" not in html and "data-clinic-contact" not in html

    def test_it_sends_a_self_care_runner_nowhere(self, client, seeded):
        html = result_html(client, "self-care")
        assert urgent_care_links(html) == [] and tel_links(html) == []

    @pytest.mark.parametrize("urgency", list(ANSWERS))
    def test_it_offers_the_printable_summary(self, client, seeded, urgency):
        html = result_html(client, urgency, **HTMX)
        assert html.count("data-print ") == 1
        assert "Print a summary for your doctor" in html
        assert "answers-summary" in html


class TestHelpContacts:
    def test_it_dials_only_digits_and_a_leading_plus(self):
        contacts = HelpContacts("+44 20 7946 0000", "https://x.example/", "X")
        assert contacts.emergency_uri == "tel:+442079460000"
        assert HelpContacts("1-1-2", "https://x.example/", "X").emergency_uri == "tel:112"

    def test_it_has_the_documented_defaults(self):
        assert settings.EMERGENCY_NUMBER == "999"
        assert settings.URGENT_CARE_URL == "https://111.nhs.uk/"
        assert settings.URGENT_CARE_LABEL == "NHS 111 online"

    @pytest.mark.parametrize(
        ("value", "ok"), [("javascript:alert(1)", False), ("https://care.example/", True)]
    )
    def test_it_accepts_only_a_web_address_for_urgent_care(self, value, ok):
        env = {**os.environ, "URGENT_CARE_URL": value, "EMERGENCY_NUMBER": "112"}
        code = "import kneecare.settings as s; print(s.URGENT_CARE_URL, s.EMERGENCY_NUMBER)"
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert (run.returncode == 0) is ok, run.stderr
        if ok:
            assert run.stdout.split() == [value, "112"]
        else:
            assert "URGENT_CARE_URL must be an http(s) address" in run.stderr
