from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "correct horse battery staple"


@pytest.fixture
def coach(db):
    return get_user_model().objects.create_user(
        "sam", email="sam@example.com", password=PASSWORD, is_staff=True
    )


def sign_in(client, password, username="sam", address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail_five_times(client, **kwargs):
    for attempt in range(5):
        response = sign_in(client, f"wrong-{attempt}", **kwargs)
        assert response.status_code in {200, 429}


def is_signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


class TestSettings:
    def test_it_locks_a_username_from_one_address_after_five_failures(self):
        assert settings.AXES_FAILURE_LIMIT == 5
        assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]

    def test_it_locks_for_fifteen_minutes(self):
        assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60

    def test_it_ends_a_coach_session_after_a_working_day(self):
        assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


class TestLockOut:
    def test_it_signs_a_coach_in_with_the_right_password(self, client, coach):
        assert is_signed_in(sign_in(client, PASSWORD))

    def test_it_refuses_the_right_password_after_five_failures(self, client, coach):
        fail_five_times(client)
        response = sign_in(client, PASSWORD)
        assert response.status_code == 429
        assert "Too many failed sign-ins" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_it_keeps_the_lock_for_the_cool_off_time(self, client, coach):
        fail_five_times(client)
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
        assert sign_in(client, PASSWORD).status_code == 429

    def test_it_lets_the_coach_in_again_after_the_cool_off(self, client, coach):
        fail_five_times(client)
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
        assert is_signed_in(sign_in(client, PASSWORD))

    def test_it_does_not_lock_the_same_coach_out_from_another_address(self, client, coach):
        fail_five_times(client, address="203.0.113.7")
        assert is_signed_in(sign_in(client, PASSWORD, address="198.51.100.2"))

    def test_it_does_not_lock_other_coaches_out_from_the_same_address(self, client, coach):
        get_user_model().objects.create_user("alex", password=PASSWORD, is_staff=True)
        fail_five_times(client, username="sam")
        assert is_signed_in(sign_in(client, PASSWORD, username="alex"))

    def test_it_forgets_failures_after_a_successful_sign_in(self, client, coach):
        for attempt in range(4):
            sign_in(client, f"wrong-{attempt}")
        assert is_signed_in(sign_in(client, PASSWORD))
        client.logout()
        for attempt in range(4):
            sign_in(client, f"wrong-again-{attempt}")
        assert is_signed_in(sign_in(client, PASSWORD))


class TestSession:
    def test_it_gives_the_admin_session_cookie_a_working_day(self, client, coach):
        response = sign_in(client, PASSWORD)
        assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert int(cookie["max-age"]) == 8 * 60 * 60
        assert cookie["secure"]
        assert cookie["httponly"]
        assert cookie["path"] == "/"
        assert not cookie["domain"]
