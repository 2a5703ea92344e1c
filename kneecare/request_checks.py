"""Requests the site refuses before any view or form reads them, and with which status.

Pure Python, no Django. Django itself would answer some of these with a 500 (a form that
declares a charset other than UTF-8 raises while the CSRF check parses it, and again in
every error view that checks CSRF) or accept them (a 20 MB upload to a form that takes
no files is spooled to disk; `Host: example:99999` matches `example`). Files sent to a view
that takes none are refused as they start to arrive (kneecare/middleware.py).
"""

from dataclasses import dataclass

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
UTF8_CHARSETS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclass(frozen=True, kw_only=True)
class Refusal:
    status: int  # 400 or 413
    reason: str  # for the log; the page shown is the same for every reason


def media_type(content_type: str) -> tuple[str, dict[str, str]]:
    """`text/html; charset="utf-8"` as ("text/html", {"charset": "utf-8"}), lower-cased."""
    kind, *params = content_type.split(";")
    parsed = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), parsed


def valid_host(host: str) -> bool:
    """A Host header's port, if it has one, must be a port number (1-65535)."""
    if not host:
        return False
    if host.endswith("]"):  # [::1] without a port
        return True
    if ":" not in host:
        return True
    _, _, port = host.rpartition(":")
    return port.isascii() and port.isdigit() and 1 <= int(port) <= 65535


def refuse_request(*, host: str | None, content_type: str, content_length: str) -> Refusal | None:
    """Why a request must be refused before it is read, or None.

    `host` is None when the request has no Host header and one is required.
    """
    if host is None:
        return Refusal(status=400, reason="no Host header")
    if not valid_host(host):
        return Refusal(status=400, reason="invalid Host port")
    if content_length and not (content_length.isascii() and content_length.isdigit()):
        return Refusal(status=400, reason="invalid Content-Length")
    kind, params = media_type(content_type)
    if kind in FORM_TYPES and params.get("charset", "utf-8") not in UTF8_CHARSETS:
        return Refusal(status=400, reason="form charset is not UTF-8")
    return None


def refuse_body(*, content_length: str, limit: int) -> Refusal | None:
    """A body over the limit of the view it is sent to (checked once the address is known)."""
    if content_length.isascii() and content_length.isdigit() and int(content_length) > limit:
        return Refusal(status=413, reason=f"body over {limit} bytes")
    return None
