"""Browsers request /favicon.ico on their own: it leads to the site's icon, not a 404."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static


@pytest.mark.django_db
class TestFavicon:
    def test_it_redirects_to_the_static_icon(self, client):
        response = client.get("/favicon.ico")
        assert response.status_code == 302
        assert response["Location"] == static("img/favicon.svg")
        assert response["Location"].startswith("/static/img/favicon")
        icon = finders.find("img/favicon.svg")
        assert icon is not None
        with open(icon, "rb") as file:
            assert b"<svg" in file.read()

    def test_it_answers_a_head_request_too(self, client):
        assert client.head("/favicon.ico").status_code == 302

    def test_it_refuses_a_post(self, client):
        assert client.post("/favicon.ico").status_code == 405
