"""The one exception to the strict Content-Security-Policy, for the admin only.

django-simple-history's object history page (`object_history_list.html`) has one inline
style attribute, `style="border-top: 0"`, which the strict policy blocks (nothing
breaks, but the browser reports a violation). For paths under /admin/ the policy allows
exactly that attribute value by its hash; no script, and no other style, is allowed.
Public pages keep the strict policy untouched. Found by tests/browser/test_security_admin.py,
which walks the admin in Chromium and fails on any violation.
"""

from csp.constants import UNSAFE_HASHES

# sha256 of the attribute value "border-top: 0", base64-encoded.
SIMPLE_HISTORY_PAGINATOR_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"
ADMIN_CSP_UPDATE = {"style-src-attr": [UNSAFE_HASHES, SIMPLE_HISTORY_PAGINATOR_STYLE]}


def admin_csp(get_response):
    """Sits after CSPMiddleware in MIDDLEWARE, so it sees the response before that does."""

    def middleware(request):
        response = get_response(request)
        if request.path_info.startswith("/admin/"):
            response._csp_update = ADMIN_CSP_UPDATE
        return response

    return middleware
