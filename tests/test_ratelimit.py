import pytest
from django.conf import settings as django_settings
from django.core import checks

from clinics.models import Clinic
from kneecare.proxies import parse_networks
from kneecare.ratelimits import limited_tool

SMALL_LIMITS = {"GET": "3/m", "POST": "2/m"}


def post_from(client, path, address="203.0.113.7", **extra):
    return client.post(path, {"answer": "x"}, REMOTE_ADDR=address, **extra)


def get_from(client, path, address="203.0.113.7", **extra):
    return client.get(path, REMOTE_ADDR=address, **extra)


class TestWhichPathsAreLimited:
    @pytest.mark.parametrize(
        ("path", "tool"),
        [
            ("/symptoms/check/", "symptoms/check"),
            ("/training/", "training"),
            ("/training/mileage/", "training/mileage"),
            ("/training/mileage/plan.ics", "training/mileage"),
        ],
    )
    def test_it_groups_each_tool_by_its_path(self, path, tool):
        assert limited_tool(path) == tool

    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/healthz",
            "/conditions/",
            "/conditions/it-band-syndrome/",
            "/guidance/",
            "/sources/",
            "/static/css/kneecare.css",
            "/admin/login/",
            "/symptomsx/",
            "/trainingx/",
        ],
    )
    def test_it_leaves_content_static_admin_and_clinic_landing_pages_alone(self, path):
        assert limited_tool(path) is None


class TestDefaults:
    def test_it_allows_60_posts_and_120_gets_a_minute(self):
        assert django_settings.RATELIMITS == {"GET": "120/m", "POST": "60/m"}

    def test_it_keeps_the_counts_in_the_default_cache(self):
        assert getattr(django_settings, "RATELIMIT_USE_CACHE", "default") == "default"
        assert "kneecare.ratelimits.RateLimitMiddleware" in django_settings.MIDDLEWARE

    def test_it_passes_the_system_checks(self):
        messages = [m for m in checks.run_checks() if m.id.startswith("django_ratelimit")]
        assert [m for m in messages if not m.is_silenced()] == []


@pytest.fixture
def small_limits(settings):
    settings.RATELIMITS = SMALL_LIMITS


@pytest.mark.django_db
@pytest.mark.usefixtures("small_limits")
class TestLimits:
    def test_it_answers_a_friendly_429_after_too_many_posts(self, client):
        for _ in range(2):
            assert post_from(client, "/symptoms/check/").status_code != 429
        response = post_from(client, "/symptoms/check/")
        assert response.status_code == 429
        html = response.content.decode()
        assert 'role="alert"' in html
        assert "try again in a minute" in html
        assert "<html" in html
        assert 0 < int(response["Retry-After"]) <= 60 + 5

    def test_it_counts_each_client_address_on_its_own(self, client):
        for _ in range(3):
            post_from(client, "/symptoms/check/", address="203.0.113.7")
        assert post_from(client, "/symptoms/check/", address="203.0.113.7").status_code == 429
        assert post_from(client, "/symptoms/check/", address="198.51.100.2").status_code != 429

    def test_it_counts_runners_apart_behind_a_load_balancer(self, client, settings):
        settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
        balancer = {"REMOTE_ADDR": "10.0.0.2"}
        for _ in range(3):
            client.post("/symptoms/check/", HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer)
        blocked = client.post("/symptoms/check/", HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer)
        assert blocked.status_code == 429
        other = client.post("/symptoms/check/", HTTP_X_FORWARDED_FOR="198.51.100.2", **balancer)
        assert other.status_code != 429
        # A forged entry on the left does not buy a fresh budget.
        forged = client.post(
            "/symptoms/check/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **balancer
        )
        assert forged.status_code == 429

    def test_it_ignores_forwarded_addresses_from_anyone_but_our_proxies(self, client, settings):
        settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
        for number in range(3):
            post_from(
                client,
                "/symptoms/check/",
                address="203.0.113.7",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
            )
        blocked = post_from(
            client, "/symptoms/check/", address="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99"
        )
        assert blocked.status_code == 429

    def test_it_keeps_gets_and_posts_apart(self, client):
        for _ in range(3):
            post_from(client, "/symptoms/check/")
        assert post_from(client, "/symptoms/check/").status_code == 429
        assert get_from(client, "/symptoms/check/").status_code != 429

    def test_it_limits_gets_to_the_training_tools(self, client):
        for _ in range(3):
            assert get_from(client, "/training/mileage/?current=20").status_code != 429
        assert get_from(client, "/training/mileage/?current=21").status_code == 429

    def test_it_gives_each_tool_its_own_budget(self, client):
        for _ in range(4):
            get_from(client, "/training/mileage/")
        assert get_from(client, "/training/mileage/").status_code == 429
        assert get_from(client, "/training/cadence/").status_code != 429

    def test_it_shares_the_budget_between_a_clinic_link_and_the_plain_address(self, client):
        Clinic.objects.create(name="Riverside Physio", slug="riverside-physio")
        for _ in range(3):
            get_from(client, "/c/riverside-physio/training/spike/")
        assert get_from(client, "/training/spike/").status_code == 429

    def test_it_answers_an_htmx_request_with_the_alert_only(self, client):
        for _ in range(2):
            post_from(client, "/symptoms/check/", HTTP_HX_REQUEST="true")
        response = post_from(client, "/symptoms/check/", HTTP_HX_REQUEST="true")
        assert response.status_code == 429
        html = response.content.decode()
        assert 'role="alert"' in html
        assert "try again in a minute" in html
        assert "<html" not in html
        # Into the page's #result (an aria-live region), not into the element that asked.
        assert response["HX-Retarget"] == "#result"
        assert response["HX-Reswap"] == "innerHTML"

    def test_it_sends_the_security_headers_with_the_429_page(self, client):
        for _ in range(3):
            post_from(client, "/symptoms/check/")
        response = client.post("/symptoms/check/", REMOTE_ADDR="203.0.113.7", secure=True)
        assert response.status_code == 429
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"

    @pytest.mark.parametrize("path", ["/", "/conditions/", "/sources/", "/healthz"])
    def test_it_never_limits_content_pages_or_the_health_check(self, client, seeded, path):
        for _ in range(10):
            assert get_from(client, path).status_code == 200

    def test_it_leaves_the_admin_login_to_axes(self, client, db):
        for _ in range(6):
            response = client.get("/admin/login/", REMOTE_ADDR="203.0.113.7")
            assert response.status_code == 200


@pytest.mark.django_db
def test_it_can_be_raised_through_settings_for_the_benchmark(client, settings):
    settings.RATELIMITS = {"GET": "1000/m", "POST": "1000/m"}
    for _ in range(40):
        assert post_from(client, "/symptoms/check/").status_code != 429
