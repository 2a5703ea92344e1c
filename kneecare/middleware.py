from django.conf import settings


def permissions_policy(get_response):
    """Add a Permissions-Policy header: the site needs no camera, location or sensors."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
