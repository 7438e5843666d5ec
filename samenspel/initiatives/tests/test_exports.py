"""The CSV export opens correctly in Dutch Excel: UTF-8 with BOM, semicolons and decimal commas on request."""

import csv
import io

import pytest
from django.urls import reverse

from .factories import InitiativeFactory, SupportFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("initiatives:export_csv", kwargs={"municipality": "lindeveen"})


def _rows(content: bytes, delimiter: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_the_csv_starts_with_a_byte_order_mark_and_uses_commas_by_default(client, initiative):
    SupportFactory(initiative=initiative)
    content = client.get(EXPORT).content
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").startswith("id,titel,in_een_zin,")
    row = _rows(content, ",")[0]
    assert (row["titel"], row["breedtegraad"], row["lengtegraad"], row["steunbetuigingen"]) == (
        "Moestuin De Linde",
        "52.205",
        "5.205",
        "1",
    )


def test_the_dutch_excel_variant_has_semicolons_and_decimal_commas(client, municipality, initiative):
    InitiativeFactory(municipality=municipality, slug="puntkomma", title="Zon; wind & coöperatie", pitch="=1+1")
    response = client.get(EXPORT, {"scheiding": "puntkomma"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="initiatieven-lindeveen.csv"'
    assert response.content.decode("utf-8-sig").startswith("id;titel;in_een_zin;")
    rows = {r["titel"]: r for r in _rows(response.content, ";")}
    assert (rows["Moestuin De Linde"]["breedtegraad"], rows["Moestuin De Linde"]["lengtegraad"]) == ("52,205", "5,205")
    assert rows["Zon; wind & coöperatie"]["in_een_zin"] == "'=1+1"  # never a formula
    assert rows["Moestuin De Linde"]["aangemeld_op"] == rows["Moestuin De Linde"]["aangemeld_op"].strip()


def test_an_unknown_separator_falls_back_to_commas(client, initiative):
    assert client.get(EXPORT, {"scheiding": "tab"}).content.decode("utf-8-sig").startswith("id,titel,")


def test_the_overview_offers_both_variants(client, initiative):
    html = client.get(reverse("initiatives:list", kwargs={"municipality": "lindeveen"})).content.decode()
    assert f"{EXPORT}?scheiding=puntkomma" in html
    assert f'href="{EXPORT}"' in html
