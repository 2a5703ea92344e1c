"""Small builders for clinic tests: a clinic and a logo."""

import io

from PIL import Image

from clinics.logo import read_logo
from clinics.models import Clinic
from kneecare.tools import TOOL_NAMES

PREFIX = "/c/riverside/"


def make_clinic(**fields):
    values = {
        "name": "Riverside Physio",
        "slug": "riverside",
        "phone": "+44 20 7946 0000",
        "message": "Bring your running shoes to your appointment.",
        "urgent_advice": "We keep same-day slots for injuries.",
        "tools": list(TOOL_NAMES),
        **fields,
    }
    return Clinic.objects.create(**values)


def png_bytes(size=(64, 32), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 122)).save(buffer, format=image_format)
    return buffer.getvalue()


def with_logo(clinic, data=None):
    logo = read_logo(data or png_bytes())
    clinic.logo, clinic.logo_type, clinic.logo_version = logo.data, logo.content_type, logo.version
    clinic.save()
    return clinic
