from django import template

from kneecare.content.markdown import render_markdown

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
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
