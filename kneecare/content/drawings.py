"""Check and re-encode a coach's picture of an exercise: Pillow decodes it and writes a
fresh PNG, so nothing but pixels from the upload reaches the site (no metadata, no
scripts, no polyglot tricks). SVG is refused. No Django here.

The checks follow clinic logos (clinics/logo.py): the type comes from the bytes, not the
name; a size cap; sides between 16 and 4,000 pixels. The picture is then scaled to at
most 640 pixels wide, enough for a phone and a printed sheet.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
MIN_SIDE = 16
SHOWN_WIDTH = 640
FORMATS = ["PNG", "JPEG", "WEBP"]


class DrawingError(ValueError):
    """Why an upload cannot be an exercise's picture, for the coach who uploaded it."""


@dataclass(frozen=True, kw_only=True)
class Drawing:
    png: bytes

    @property
    def version(self) -> str:
        return hashlib.sha256(self.png).hexdigest()[:16]


def reencoded_drawing(data: bytes) -> Drawing:
    """The upload as a fresh PNG at most :data:`SHOWN_WIDTH` wide, or DrawingError."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DrawingError(
            f"The picture is too big: at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    try:
        with Image.open(BytesIO(data), formats=FORMATS) as image:
            width, height = image.size
            if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
                raise DrawingError(
                    f"The picture is {width} × {height} pixels: each side must be between "
                    f"{MIN_SIDE} and {MAX_SIDE}."
                )
            image.load()
            picture = image.convert("RGBA")
    except DrawingError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise DrawingError("Upload a PNG, JPEG or WebP picture (SVG is not accepted).") from error
    if picture.width > SHOWN_WIDTH:
        picture = picture.resize(
            (SHOWN_WIDTH, max(1, round(picture.height * SHOWN_WIDTH / picture.width)))
        )
    out = BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return Drawing(png=out.getvalue())
