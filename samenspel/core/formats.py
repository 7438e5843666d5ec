"""One way to write money, dates and spreadsheet files, per language.

Money: Dutch "€ 1.500" and "€ 1.500,50", English "€1,500" and "€1,500.50" (whole amounts
without cents, as municipalities write budgets; otherwise rounded half up to cents).
Dates: "27 oktober 2026" / "27 October 2026", with "time" "27 oktober 2026, 14:30", with
"weekday" "dinsdag 27 oktober 2026". Month names written out: no "Okt" (Django's `M` is a
title-cased abbreviation, not Dutch), no abbreviation dots to get wrong. Templates use the
`money` and `day` filters (`core/templatetags/samenspel.py`); nothing formats these by hand.

CSV: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252: "coÃ¶peratie"),
commas by default; `?scheiding=puntkomma` gives what Dutch Excel opens by double-click:
semicolons and decimal commas.
"""

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.http import HttpResponse
from django.utils import dateformat, timezone
from django.utils.translation import get_language

DATE_STYLES = {"date": "j F Y", "time": "j F Y, H:i", "weekday": "l j F Y"}

# ?scheiding=... on every CSV export; anything else gives commas.
SEPARATORS = {"komma": ",", "puntkomma": ";"}


def _dutch(language: str | None) -> bool:
    return (language or get_language() or "nl").split("-")[0] != "en"


def _decimal(amount) -> Decimal:
    if isinstance(amount, Fraction):
        return Decimal(amount.numerator) / Decimal(amount.denominator)
    if isinstance(amount, float):
        return Decimal(str(amount))
    return Decimal(amount)


def money(amount, *, language: str | None = None) -> str:
    """An amount in euros written as the language writes it; "" for None."""
    if amount is None or amount == "":
        return ""
    cents = _decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    whole = int(cents)
    fraction = int((cents - whole) * 100)
    grouped = f"{whole:,}"
    text = grouped if fraction == 0 else f"{grouped}.{fraction:02d}"
    if _dutch(language):
        text = text.translate(str.maketrans(",.", ".,"))
        return f"€ {sign}{text}"
    return f"{sign}€{text}"


def day(value, style: str = "date") -> str:
    """A date (or a moment, in local time) in the one date style; "" for None."""
    if value in (None, ""):
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, DATE_STYLES.get(style, DATE_STYLES["date"]))


def csv_separator(request) -> str:
    return SEPARATORS.get(request.GET.get("scheiding", ""), ",")


def _cell(value, separator: str):
    # Spreadsheet programs execute cells starting with these characters as formulas.
    if isinstance(value, str) and value[:1] in "=+-@":
        return f"'{value}"
    if separator == ";" and isinstance(value, float | Decimal):
        return str(value).replace(".", ",")  # the decimal comma Dutch Excel reads as a number
    return value


def csv_response(*, filename: str, fieldnames: list[str], rows, separator: str = ",") -> HttpResponse:
    """A CSV download that opens correctly in Excel (BOM; `separator` ";" for Dutch Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=fieldnames, delimiter=separator)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value, separator) for key, value in row.items()})
    return response
