"""Check an uploaded clinic logo: a real PNG, JPEG or WebP image of a sensible size.

The type comes from the bytes, as Pillow reads them, never from the file name or the type
the browser claims. SVG is refused: it can carry scripts and links. No Django here.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_SIDE = 2000
MIN_LOGO_SIDE = 16
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


class LogoError(ValueError):
    """Why an upload cannot be a logo, in words for the person who uploaded it."""


@dataclass(frozen=True, kw_only=True)
class Logo:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def version(self) -> str:
        """Changes whenever the image does: part of the logo's address, and its ETag."""
        return hashlib.sha256(self.data).hexdigest()[:16]


def read_logo(data: bytes) -> Logo:
    """The logo in `data`, or LogoError if it is too big, not an image or the wrong kind."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"The logo is too big: at most {MAX_LOGO_BYTES // 1024} KB, please.")
    try:
        with Image.open(BytesIO(data), formats=list(CONTENT_TYPES)) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise LogoError("Upload a PNG, JPEG or WebP image (SVG is not accepted).") from error
    if not (MIN_LOGO_SIDE <= width <= MAX_LOGO_SIDE and MIN_LOGO_SIDE <= height <= MAX_LOGO_SIDE):
        raise LogoError(
            f"The logo is {width} × {height} pixels: each side must be between "
            f"{MIN_LOGO_SIDE} and {MAX_LOGO_SIDE}."
        )
    try:
        # verify() checks the structure; decoding every pixel also catches a cut-off file.
        with Image.open(BytesIO(data), formats=[image_format]) as image:
            image.load()
            clean = reencode(image, image_format=image_format)
    except (OSError, SyntaxError, ValueError) as error:
        raise LogoError("The image is damaged or incomplete.") from error
    return Logo(data=clean, content_type=CONTENT_TYPES[image_format], width=width, height=height)


SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 90, "optimize": True},
    "WEBP": {"quality": 90},
}
MODES = {"PNG": {"1", "L", "LA", "P", "RGB", "RGBA"}, "JPEG": {"L", "RGB"}, "WEBP": {"RGB", "RGBA"}}


def reencode(image: Image.Image, *, image_format: str) -> bytes:
    """The pixels alone, written out again in the same format: whatever else the upload
    carried (metadata, bytes appended after the image, HTML for a browser that sniffs) is
    left behind."""
    if image.mode not in MODES[image_format]:
        image = image.convert("RGBA" if "A" in image.mode and image_format != "JPEG" else "RGB")
    output = BytesIO()
    image.save(output, format=image_format, **SAVE_OPTIONS[image_format])
    return output.getvalue()
