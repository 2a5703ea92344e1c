"""Numbers as people write them: the one formatter every page, export and message uses.

Pure Python, so the pure modules can use it.
"""

from decimal import Decimal


def plain_number(number: Decimal | int) -> str:
    """``22.5``, ``30``, ``-5``: no trailing zeros, no exponent (``3E+2`` is ``300``)."""
    text = f"{Decimal(number):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
