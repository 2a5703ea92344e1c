"""The QR code on a clinic's poster, drawn on the server as SVG with segno.

The poster page inlines the SVG under a strict Content-Security-Policy, so it must carry no
`style` attribute: segno draws with a `stroke` presentation attribute and classes only.
"""

from io import BytesIO

import segno


def clinic_qr(link: str) -> segno.QRCode:
    """A full-size QR code (never a Micro QR, which phone cameras do not read) with
    medium error correction, enough for a slightly creased leaflet."""
    return segno.make_qr(link, error="m")


def qr_svg(code: segno.QRCode, *, title: str) -> str:
    """Inline SVG without an XML declaration or fixed size: CSS sizes it on the page."""
    return code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        title=title,
        svgclass="poster-qr",
        lineclass="poster-qr-dark",
    )


def qr_svg_file(code: segno.QRCode, *, title: str) -> bytes:
    """A standalone SVG file, for a designer to place on a leaflet."""
    buffer = BytesIO()
    code.save(buffer, kind="svg", scale=10, border=4, title=title)
    return buffer.getvalue()
