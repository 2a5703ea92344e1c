"""Settings from the environment: a typo stops the start-up instead of meaning False or 0."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kneecare.env import env_bool, env_int, env_list, env_rate, env_str

ROOT = Path(__file__).resolve().parent.parent


class TestEnvBool:
    @pytest.mark.parametrize("value", ["1", "true", "True", " yes ", "ON"])
    def test_it_reads_true(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_FLAG", value)
        assert env_bool("KNEECARE_FLAG") is True

    @pytest.mark.parametrize("value", ["0", "false", "No", "off"])
    def test_it_reads_false(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_FLAG", value)
        assert env_bool("KNEECARE_FLAG", True) is False

    @pytest.mark.parametrize("value", [None, "", "  "])
    def test_it_takes_the_default_when_unset_or_blank(self, monkeypatch, value):
        if value is None:
            monkeypatch.delenv("KNEECARE_FLAG", raising=False)
        else:
            monkeypatch.setenv("KNEECARE_FLAG", value)
        assert env_bool("KNEECARE_FLAG", True) is True
        assert env_bool("KNEECARE_FLAG") is False

    @pytest.mark.parametrize("value", ["ture", "y", "2", "enabled"])
    def test_it_refuses_a_typo(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_FLAG", value)
        with pytest.raises(ImproperlyConfigured, match="KNEECARE_FLAG must be true or false"):
            env_bool("KNEECARE_FLAG")


class TestEnvInt:
    def test_it_reads_a_whole_number(self, monkeypatch):
        monkeypatch.setenv("KNEECARE_COUNT", " 2 ")
        assert env_int("KNEECARE_COUNT", 0) == 2

    def test_it_takes_the_default_when_unset(self, monkeypatch):
        monkeypatch.delenv("KNEECARE_COUNT", raising=False)
        assert env_int("KNEECARE_COUNT", 3) == 3

    @pytest.mark.parametrize("value", ["one", "1.5", "1e3"])
    def test_it_refuses_what_is_not_a_whole_number(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_COUNT", value)
        with pytest.raises(ImproperlyConfigured, match="KNEECARE_COUNT must be a whole number"):
            env_int("KNEECARE_COUNT", 0)

    def test_it_refuses_a_number_below_the_minimum(self, monkeypatch):
        monkeypatch.setenv("KNEECARE_COUNT", "-1")
        with pytest.raises(ImproperlyConfigured, match="0 or more"):
            env_int("KNEECARE_COUNT", 0)


class TestEnvListStrRate:
    def test_it_splits_a_list_without_blanks(self, monkeypatch):
        monkeypatch.setenv("KNEECARE_HOSTS", "a.example, ,b.example,")
        assert env_list("KNEECARE_HOSTS") == ["a.example", "b.example"]

    def test_it_keeps_a_string_as_given(self, monkeypatch):
        monkeypatch.setenv("KNEECARE_KEY", " secret ")
        assert env_str("KNEECARE_KEY") == " secret "

    @pytest.mark.parametrize("value", ["120/m", "10/5s", "1000/h"])
    def test_it_reads_a_rate(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_RATE", value)
        assert env_rate("KNEECARE_RATE", "60/m") == value

    @pytest.mark.parametrize("value", ["120", "120/min", "fast"])
    def test_it_refuses_what_is_not_a_rate(self, monkeypatch, value):
        monkeypatch.setenv("KNEECARE_RATE", value)
        with pytest.raises(ImproperlyConfigured, match="KNEECARE_RATE must be a rate"):
            env_rate("KNEECARE_RATE", "60/m")


class TestStartUp:
    def test_it_refuses_to_start_with_a_mistyped_flag(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, "SECURE_SSL_REDIRECT": "flase"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert "SECURE_SSL_REDIRECT must be true or false" in result.stderr
