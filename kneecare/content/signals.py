from django.db.models.signals import m2m_changed, post_delete, post_save

from . import models
from .page_cache import clear_content_pages

CONTENT_MODELS = (
    models.Condition,
    models.GuidanceStep,
    models.KeyFigure,
    models.Exercise,
    models.Expert,
    models.Study,
    models.Citation,
)


def content_changed(sender, **kwargs):
    clear_content_pages()


for model in CONTENT_MODELS:
    post_save.connect(content_changed, sender=model, dispatch_uid=f"clear-pages-{model.__name__}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"clear-del-{model.__name__}")
for through in (models.Condition.guidance.through, models.Condition.exercises.through):
    m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"clear-m2m-{through}")
