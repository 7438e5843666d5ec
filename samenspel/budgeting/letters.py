"""Voting-code letters as a PDF, made in memory from an uploaded address list.

The CSV and the names and addresses in it are never written anywhere: the file is
read from the upload, the PDF is built in a BytesIO and streamed back, and only
the code hashes and a batch record remain (services.code_batch_create).
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .ballots import format_euro

MAX_ROWS = 20000
COLUMNS = ("naam", "adres", "postcode", "plaats")


def read_addresses(upload) -> list[dict[str, str]]:
    """The rows of the uploaded CSV (semicolon or comma separated), or a Dutch ValidationError."""
    raw = upload.read(10 * 1024 * 1024 + 1)
    if len(raw) > 10 * 1024 * 1024:
        raise ValidationError(_("Het bestand is groter dan 10 MB."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Het bestand is geen UTF-8-tekst; sla het op als CSV (UTF-8).")) from error
    dialect = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(_("De kopregel mist de kolommen: %(cols)s.") % {"cols": ", ".join(missing)})
    rows = []
    for number, row in enumerate(reader, start=2):
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue
        if not clean.get("naam") or not clean.get("adres"):
            raise ValidationError(_("Regel %(n)s: naam en adres zijn verplicht.") % {"n": number})
        rows.append(clean)
        if len(rows) > MAX_ROWS:
            raise ValidationError(_("Maximaal %(max)s adressen per keer.") % {"max": MAX_ROWS})
    if not rows:
        raise ValidationError(_("Het bestand bevat geen adressen."))
    return rows


def letters_pdf(*, budget_round, addresses: list[dict[str, str]], codes: list[str], vote_url: str) -> bytes:
    """One A4 letter per address with its code; returns the PDF bytes."""
    # ReportLab only here: the budgeting pages import this module, and only this makes a PDF.
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(_("Stemcodes %(round)s") % {"round": budget_round.title})
    width, height = A4
    for address, code in zip(addresses, codes, strict=True):
        y = height - 50 * mm
        pdf.setFont("Helvetica", 11)
        for line in (address["naam"], address["adres"], f"{address.get('postcode', '')}  {address.get('plaats', '')}"):
            pdf.drawString(25 * mm, y, line)
            y -= 5 * mm
        y -= 20 * mm
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(25 * mm, y, budget_round.title)
        y -= 10 * mm
        pdf.setFont("Helvetica", 11)
        lines = [
            _("Beste bewoner,"),
            "",
            _("U mag meebeslissen over %(budget)s voor plannen van inwoners van %(place)s.")
            % {"budget": format_euro(budget_round.budget), "place": budget_round.municipality.name},
            _("Ga naar %(url)s en vul daar deze persoonlijke stemcode in:") % {"url": vote_url},
        ]
        for line in lines:
            pdf.drawString(25 * mm, y, line)
            y -= 6 * mm
        y -= 6 * mm
        pdf.setFont("Courier-Bold", 22)
        pdf.drawString(25 * mm, y, code)
        y -= 14 * mm
        pdf.setFont("Helvetica", 10)
        for line in (
            _("De code is eenmalig: u kunt er één keer mee stemmen. Tot de stemming sluit kunt u uw keuze"),
            _("in dezelfde sessie nog aanpassen. Bewaar deze brief niet bij anderen."),
        ):
            pdf.drawString(25 * mm, y, line)
            y -= 5 * mm
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
