"""The admin's "View on site" link, only for what the user may see in the admin.

Django's own redirect (/admin/r/<content type>/<id>/) asks only whether the user is staff,
so clinic staff could walk the ids and collect every clinic's link. This one first asks
the model's admin for the object, through its queryset and view permission, as the change
page does (ClinicAdmin narrows both to the user's own clinics).
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404("No such object.") from error
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_permission(request):
        raise Http404("No such object.")
    obj = model_admin.get_object(request, object_id)
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404("No such object.")
    return shortcut(request, content_type_id, object_id)
