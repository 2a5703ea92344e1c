"""Where a result sends a runner for help, as the deployment configures it.

The emergency number and the urgent-care service come from settings (EMERGENCY_NUMBER,
URGENT_CARE_URL, URGENT_CARE_LABEL; see README.md), so a deployment in another country
shows its own number once, never a list of other countries' numbers.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class HelpContacts:
    emergency_number: str
    urgent_care_url: str
    urgent_care_label: str

    @property
    def emergency_uri(self) -> str:
        """A tel: address: the digits and a leading plus, without any spacing."""
        number = self.emergency_number.strip()
        digits = "".join(char for char in number if char.isdigit())
        return f"tel:{'+' if number.startswith('+') else ''}{digits}"


def help_contacts(request) -> dict[str, HelpContacts]:
    """Context processor: settings are read per request, so tests can override them."""
    return {
        "help_contacts": HelpContacts(
            emergency_number=settings.EMERGENCY_NUMBER,
            urgent_care_url=settings.URGENT_CARE_URL,
            urgent_care_label=settings.URGENT_CARE_LABEL,
        )
    }
