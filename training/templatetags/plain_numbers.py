from django import template

from training.mileage import as_distance, format_distance

register = template.Library()


@register.filter
def plain(number):
    """A number as a runner writes it: 22.5, 30, -5 (no trailing zeros, no exponent)."""
    if number is None or number == "":
        return ""
    return format_distance(as_distance(number))
