"""Settings read from the environment, strictly.

A value that cannot mean what the variable asks for stops the start-up with a message that
names the variable: `DEBUG=ture` or `TRUSTED_PROXY_COUNT=one` must not quietly run the site
as if it were unset. An empty or missing variable takes the default.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})
# django-ratelimit's rates: a count per second, minute, hour or day, e.g. 120/m or 10/5s.
RATE = re.compile(r"\d+/\d*[smhd]")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name).strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (or 1/0, yes/no, on/off).")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = env_str(name).strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more.")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list, without blanks: `a.example, b.example`."""
    return [item.strip() for item in (env_str(name) or default).split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    value = env_str(name, default).strip()
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 120/m (a count per s, m, h or d)."
        )
    return value
