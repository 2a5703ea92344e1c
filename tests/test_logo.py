"""Logos are stored re-encoded from their pixels, never byte for byte."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from clinics.logo import read_logo


def image_bytes(image_format="PNG", size=(64, 32), mode="RGB", color=(11, 93, 122)):
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=image_format)
    return buffer.getvalue()


class TestReencoding:
    def test_html_appended_to_a_png_is_dropped(self):
        polyglot = image_bytes() + b"<html><script>alert(1)</script></html>"
        logo = read_logo(polyglot)
        assert b"<script" not in logo.data
        assert b"<html" not in logo.data
        with Image.open(io.BytesIO(logo.data)) as stored:
            assert (stored.format, stored.size) == ("PNG", (64, 32))

    def test_metadata_is_dropped(self):
        buffer = io.BytesIO()
        exif = Image.Exif()
        exif[0x010E] = "GPS and camera details"  # ImageDescription
        Image.new("RGB", (40, 40), (200, 10, 10)).save(buffer, format="JPEG", exif=exif)
        logo = read_logo(buffer.getvalue())
        assert b"camera details" not in logo.data
        assert logo.content_type == "image/jpeg"

    @pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
    def test_it_keeps_the_format_and_size(self, image_format):
        logo = read_logo(image_bytes(image_format=image_format, size=(80, 20)))
        with Image.open(io.BytesIO(logo.data)) as stored:
            assert (stored.format, stored.size) == (image_format, (80, 20))

    def test_it_keeps_transparency(self):
        logo = read_logo(image_bytes(mode="RGBA", color=(0, 0, 0, 0)))
        with Image.open(io.BytesIO(logo.data)) as stored:
            assert stored.convert("RGBA").getpixel((1, 1))[3] == 0

    def test_the_version_follows_the_stored_bytes(self):
        first, second = read_logo(image_bytes()), read_logo(image_bytes(color=(1, 2, 3)))
        assert first.version != second.version

    @settings(max_examples=20, deadline=None)
    @given(
        image_format=st.sampled_from(["PNG", "JPEG", "WEBP"]),
        tail=st.binary(max_size=200),
        width=st.integers(16, 120),
        height=st.integers(16, 120),
    )
    def test_nothing_after_the_image_survives(self, image_format, tail, width, height):
        original = image_bytes(image_format=image_format, size=(width, height))
        logo = read_logo(original + b"KNEECARE-TAIL" + tail)
        assert b"KNEECARE-TAIL" not in logo.data
        with Image.open(io.BytesIO(logo.data)) as stored:
            assert (stored.format, stored.size) == (image_format, (width, height))
