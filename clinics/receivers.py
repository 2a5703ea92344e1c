"""The clinics app listens: it counts checks completed under a clinic's link, and forgets
cached clinic pages when a clinic changes."""

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from kneecare.content.page_cache import clear_content_pages
from kneecare.tools import TOOL_NAMES, check_completed
from kneecare.urgency import URGENCY_LEVELS

from .branding import current_clinic, forget_brand
from .count_buffer import buffer_count, flush_if_pending
from .models import Clinic, DailyCount

logger = logging.getLogger(__name__)

URGENCIES = frozenset({*URGENCY_LEVELS, ""})


@receiver(check_completed, dispatch_uid="clinics-count-completed-check")
def count_completed_check(sender, *, tool, urgency, **kwargs):
    """Add one to today's count for the clinic whose link is being served, if any.

    Only the clinic, the day, the tool and the urgency are kept: the signal carries no
    answers, and nothing about the visitor is read here.
    """
    clinic = current_clinic.get()
    if clinic is None:
        return
    if tool not in TOOL_NAMES or urgency not in URGENCIES:
        logger.warning("Not counting a check with tool %r and urgency %r", tool, urgency)
        return
    key = {"clinic_id": clinic.pk, "day": timezone.localdate(), "tool": tool, "urgency": urgency}
    try:
        with transaction.atomic():
            DailyCount.objects.add_one(**key)
    except DatabaseError:
        # Never lost while the cache is up, and never at the cost of the runner's result.
        buffer_count(**key)
        return
    flush_if_pending()


@receiver(pre_save, sender=Clinic, dispatch_uid="clinics-remember-slug")
def remember_slug(sender, instance, **kwargs):
    instance._saved_slug = (
        Clinic.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Clinic, dispatch_uid="clinics-forget-on-save")
@receiver(post_delete, sender=Clinic, dispatch_uid="clinics-forget-on-delete")
def forget_clinic(sender, instance, **kwargs):
    # Both the old and the new slug: a renamed link must stop working at once.
    forget_brand(instance.slug, getattr(instance, "_saved_slug", None))
    # Cached content pages under the clinic's link carry its name, logo and message.
    clear_content_pages()
