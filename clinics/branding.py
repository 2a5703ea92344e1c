"""The clinic a request is served for: what its pages show, loaded once and cached.

Pages read it as `request.clinic`; the receiver that counts completed checks reads it from
the `current_clinic` context variable, so neither the feature views nor the signal need to
carry it. A `ClinicBrand` is a small frozen copy of the clinic (no logo bytes, no staff),
safe to keep in the shared cache; saving or deleting a clinic forgets it at once.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache

from .models import Clinic, phone_uri

BRAND_CACHE_SECONDS = 5 * 60
BRAND_VERSION = 1
_NOT_CACHED = object()


@dataclass(frozen=True, kw_only=True)
class ClinicBrand:
    pk: int
    slug: str
    name: str
    active: bool
    message: str
    urgent_advice: str
    phone: str
    website: str
    address: str
    tools: frozenset[str]
    logo_version: str

    @classmethod
    def of(cls, clinic: Clinic) -> "ClinicBrand":
        return cls(
            pk=clinic.pk,
            slug=clinic.slug,
            name=clinic.name,
            active=clinic.active,
            message=clinic.message,
            urgent_advice=clinic.urgent_advice,
            phone=clinic.phone,
            # Only a web address becomes a link, even if a row was written around the form.
            website=clinic.website if clinic.website.startswith(("https://", "http://")) else "",
            address=clinic.address,
            tools=frozenset(clinic.tools),
            logo_version=clinic.logo_version,
        )

    @property
    def phone_uri(self) -> str:
        return phone_uri(self.phone)


# The clinic whose link is being served in this request, or None on the plain site.
current_clinic: ContextVar[ClinicBrand | None] = ContextVar("current_clinic", default=None)


def brand_key(slug: str) -> str:
    # Versioned: a deploy that changes ClinicBrand must not read the old shape from Redis.
    return f"clinics:brand:{BRAND_VERSION}:{slug}"


def load_brand(slug: str) -> ClinicBrand | None:
    """The clinic with this slug (active or not), or None: one query, then the cache.

    An unknown slug is cached too, so a mistyped link does not reach the database each time.
    """
    cached = cache.get(brand_key(slug), _NOT_CACHED)
    if cached is not _NOT_CACHED:
        return cached
    clinic = Clinic.objects.defer("logo").filter(slug=slug).first()
    brand = ClinicBrand.of(clinic) if clinic else None
    cache.set(brand_key(slug), brand, BRAND_CACHE_SECONDS)
    return brand


def forget_brand(*slugs: str) -> None:
    cache.delete_many([brand_key(slug) for slug in slugs if slug])
