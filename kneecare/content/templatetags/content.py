from django import template

from kneecare.content.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render a coach's Markdown as sanitised HTML."""
    return render_markdown(text)
