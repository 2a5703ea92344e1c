import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError

from kneecare.errors import refusal_response
from kneecare.proxies import is_trusted
from kneecare.request_checks import refuse_body, refuse_request

logger = logging.getLogger(__name__)

# Headers only our own proxies may set (kneecare/proxies.py).
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def trusted_proxies(get_response):
    """Drop forwarded headers unless the connection comes from one of TRUSTED_PROXIES.

    First in the chain, so `SECURE_PROXY_SSL_HEADER` (X-Forwarded-Proto), the client
    address for rate limits and lock-outs, and everything else see only what our own
    proxy wrote: a client that reaches the app server directly cannot claim HTTPS or
    someone else's address.
    """

    def middleware(request):
        remote_addr = request.META.get("REMOTE_ADDR", "")
        if not is_trusted(remote_addr, trusted=settings.TRUSTED_PROXY_NETWORKS):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return get_response(request)

    return middleware


def permissions_policy(get_response):
    """Add a Permissions-Policy header: the site needs no camera, location or sensors."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def accepts_files(view=None, *, max_bytes: int | None = None):
    """Mark a view that takes uploaded files: only these may be sent files. `max_bytes`
    raises the body limit for this view above MAX_REQUEST_BODY_BYTES (then give its address
    a larger client_max_body_size in deploy/nginx/kneecare.conf too).

        @accepts_files(max_bytes=50 * 1024 * 1024)
        def upload_runs(request): ...
    """

    def mark(view):
        view.accepts_files = True
        if max_bytes is not None:
            view.max_body_bytes = max_bytes
        return view

    return mark if view is None else mark(view)


class RefuseFiles(FileUploadHandler):
    """Refuse a file part as soon as it starts: nothing is read into memory or spooled to
    disk, and Django answers the MultiPartParserError with the site's 400 page."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        raise MultiPartParserError(f"{field_name!r}: this address takes no files.")

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class RequestChecksMiddleware:
    """Refuse malformed requests (kneecare/request_checks.py) with the site's own 400 or
    413 page, before the CSRF check or a form reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST")
        if host is None and not settings.REQUIRE_HOST_HEADER:
            host = request.META.get("SERVER_NAME", "")
        refusal = refuse_request(
            host=host,
            content_type=request.META.get("CONTENT_TYPE", ""),
            content_length=request.META.get("CONTENT_LENGTH", ""),
        )
        if refusal is not None:
            return self.refuse(request, refusal)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Before the CSRF check reads the body, which is the first thing that does.
        refusal = refuse_body(
            content_length=request.META.get("CONTENT_LENGTH", ""),
            limit=getattr(view_func, "max_body_bytes", settings.MAX_REQUEST_BODY_BYTES),
        )
        if refusal is not None:
            upload_limit = getattr(view_func, "max_body_bytes", None)
            return self.refuse(request, refusal, upload_limit=upload_limit)
        # The admin takes files (clinic logos); elsewhere a view says so with @accepts_files.
        takes_files = getattr(view_func, "accepts_files", False) or (
            "admin" in request.resolver_match.namespaces
        )
        if not takes_files:
            request.upload_handlers = [RefuseFiles()]
        return None

    def refuse(self, request, refusal, *, upload_limit=None):
        logger.warning("Refused %s %s: %s", request.method, request.path, refusal.reason)
        return refusal_response(request, refusal.status, upload_limit=upload_limit)
