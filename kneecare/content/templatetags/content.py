from django import template

from kneecare.content.markdown import render_markdown
from kneecare.numbers import plain_number

register = template.Library()


@register.filter
def markdown(text):
    """Render a coach's Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def figure(value):
    """A key figure as people write it: 300, 7.5 (no trailing zeros, no exponent)."""
    if value is None or value == "":
        return ""
    return plain_number(value)
