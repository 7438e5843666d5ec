"""Dutch search finds the same initiatives on SQLite as PostgreSQL's `dutch` configuration.

One truth for both engines: EXPECTED was recorded by running this test on PostgreSQL 15
against the demo data (`DATABASE_URL=postgres://... pytest samenspel/initiatives/tests/test_search_dutch.py`);
on PostgreSQL the test asserts the same sets, so a change of either engine shows here.
The queries are how residents search: singular and plural, diminutives, compounds (which
PostgreSQL's `dutch` configuration does not split: "fiets" does not find "kinderfietsen").
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from ..search import lexemes
from ..selectors import InitiativeFilters, initiative_list

pytestmark = pytest.mark.django_db

EXPECTED: dict[str, set[str]] = {  # query -> titles PostgreSQL 15 finds in the demo data
    "3d-printer": {"Buurtwerkplaats Molenwijk"},
    "65+": {"Samen Sporten 65+"},
    "auto": {"Deelauto's Dorrestein", "Dorpsauto Heideborg"},
    "auto's": {"Deelauto's Dorrestein"},
    "bak": {"Buurtmoestuin Achter De Linde"},
    "bakken": {"Buurtmoestuin Achter De Linde"},
    "bank": set(),
    "bankje": {"Buurtmoestuin Achter De Linde", "Hondenlosloopveld Oosterhei"},
    "bankjes": {"Ontmoetingsbankjes Zuiderpark", "Stiltetuin Centrum"},
    "bewoner": {"Hittebestendig Het Veen", "Tiny houses Het Veen", "Wijkwarmtefonds Centrum"},
    "bewoners": {"Hittebestendig Het Veen", "Tiny houses Het Veen", "Wijkwarmtefonds Centrum"},
    "boek": {"Straatbieb Dorrestein"},
    "boeken": {"Straatbieb Dorrestein"},
    "bomen": {"Hittebestendig Het Veen"},
    "boom": {"Hittebestendig Het Veen"},
    "buren": {
        "Bijenlint Bergakker",
        "Buurtbatterij Zuiderpark",
        "Buurtbus Oosterhei",
        "Buurtkoelkast De Linde",
        "Buurtmoestuin Achter De Linde",
        "Buurtpreventie Molenwijk",
        "Buurtwerkplaats Molenwijk",
        "Deelauto's Dorrestein",
        "Dorpsboerderij Het Veen",
        "Energiecoöperatie Lindelaan",
        "Fietsenbieb Centrum",
        "Geveltuinen Zuiderpark",
        "Hittebestendig Het Veen",
        "Hondenlosloopveld Oosterhei",
        "Huiskamer van Oosterhei",
        "Huiswerkklas Molenwijk",
        "Isolatieteam Westerbos",
        "Jongerenhonk Westerbos",
        "Kledingruil Centrum",
        "Klussendienst Westerbos",
        "Kunstroute Lindeveen",
        "Lokale markt Molenwijk",
        "Muziekles voor iedereen",
        "Natuurspeelplaats Westerbos",
        "Ontmoetingsbankjes Zuiderpark",
        "Pannakooi Zuiderpark",
        "Repair Café Centrum",
        "Samen Sporten 65+",
        "Schoolplein groen De Regenboog",
        "Skatebaan Dorrestein",
        "Speeltuin De Wilgen opknappen",
        "Stiltetuin Centrum",
        "Straatbieb Dorrestein",
        "Taalcafé Molenwijk",
        "Tiny houses Het Veen",
        "Veilige schoolroute Oosterhei",
        "Vertelcafé Bergakker",
        "Voedselbos Bergakker",
        "Warmtenet Het Veen",
        "Wijkfeest De Linde",
        "Wijkwarmtefonds Centrum",
        "Zorgnetwerk Dorrestein",
        "Zwemles voor moeders",
    },
    "buur": {
        "Bijenlint Bergakker",
        "Buurtbatterij Zuiderpark",
        "Buurtbus Oosterhei",
        "Buurtkoelkast De Linde",
        "Buurtmoestuin Achter De Linde",
        "Buurtpreventie Molenwijk",
        "Buurtwerkplaats Molenwijk",
        "Deelauto's Dorrestein",
        "Dorpsboerderij Het Veen",
        "Energiecoöperatie Lindelaan",
        "Fietsenbieb Centrum",
        "Geveltuinen Zuiderpark",
        "Hittebestendig Het Veen",
        "Hondenlosloopveld Oosterhei",
        "Huiskamer van Oosterhei",
        "Huiswerkklas Molenwijk",
        "Isolatieteam Westerbos",
        "Jongerenhonk Westerbos",
        "Kledingruil Centrum",
        "Klussendienst Westerbos",
        "Kunstroute Lindeveen",
        "Lokale markt Molenwijk",
        "Muziekles voor iedereen",
        "Natuurspeelplaats Westerbos",
        "Ontmoetingsbankjes Zuiderpark",
        "Pannakooi Zuiderpark",
        "Repair Café Centrum",
        "Samen Sporten 65+",
        "Schoolplein groen De Regenboog",
        "Skatebaan Dorrestein",
        "Speeltuin De Wilgen opknappen",
        "Stiltetuin Centrum",
        "Straatbieb Dorrestein",
        "Taalcafé Molenwijk",
        "Tiny houses Het Veen",
        "Veilige schoolroute Oosterhei",
        "Vertelcafé Bergakker",
        "Voedselbos Bergakker",
        "Warmtenet Het Veen",
        "Wijkfeest De Linde",
        "Wijkwarmtefonds Centrum",
        "Zorgnetwerk Dorrestein",
        "Zwemles voor moeders",
    },
    "buurthuis": {"Buurtkoelkast De Linde", "Buurtmoestuin Achter De Linde", "Huiswerkklas Molenwijk"},
    "buurthuizen": set(),
    "café": {"Repair Café Centrum"},
    "coöperatie": set(),
    "de": set(),
    "deelauto": {"Deelauto's Dorrestein"},
    "dorpshuis": {"Dorpshuis zonnedak"},
    "e-bike": set(),
    "elektrische bus": set(),
    "energiecooperatie": {"Energiecoöperatie Lindelaan"},
    "energiecoöperatie": {"Energiecoöperatie Lindelaan"},
    "fiets": set(),
    "fietsen": {"Fietsenbieb Centrum", "Repair Café Centrum"},
    "fietsroute": {"Veilige schoolroute Oosterhei"},
    "geveltuin": {"Geveltuinen Zuiderpark"},
    "geveltuintje": set(),
    "groente": {"Buurtmoestuin Achter De Linde"},
    "groenten": {"Buurtmoestuin Achter De Linde"},
    "het groen": {"Schoolplein groen De Regenboog", "Stiltetuin Centrum"},
    "huis": {"Isolatieteam Westerbos", "Klussendienst Westerbos", "Wijkwarmtefonds Centrum"},
    "huisarts": {"Buurtbus Oosterhei", "Dorpsauto Heideborg"},
    "huizen": {"Buurtbatterij Zuiderpark"},
    "jongere": {"Jongerenhonk Westerbos", "Skatebaan Dorrestein", "Tiny houses Het Veen", "Vertelcafé Bergakker"},
    "jongeren": {"Jongerenhonk Westerbos", "Skatebaan Dorrestein", "Tiny houses Het Veen", "Vertelcafé Bergakker"},
    "kaasmakerij": {"Warmtenet Het Veen"},
    "kastje": set(),
    "kastjes": {"Straatbieb Dorrestein"},
    "kind": {"Fietsenbieb Centrum", "Zwemles voor moeders"},
    "kinderen": {
        "Dorpsboerderij Het Veen",
        "Huiswerkklas Molenwijk",
        "Muziekles voor iedereen",
        "Natuurspeelplaats Westerbos",
        "Pannakooi Zuiderpark",
        "Schoolplein groen De Regenboog",
        "Speeltuin De Wilgen opknappen",
        "Straatbieb Dorrestein",
    },
    "kinderfiets": set(),
    "kindje": set(),
    "koffie": {"Huiskamer van Oosterhei", "Repair Café Centrum", "Taalcafé Molenwijk", "Vertelcafé Bergakker"},
    "lamp": {"Buurtpreventie Molenwijk", "Klussendienst Westerbos", "Repair Café Centrum"},
    "lampen": {"Buurtpreventie Molenwijk", "Klussendienst Westerbos", "Repair Café Centrum"},
    "lampje": set(),
    "moestuin": {"Buurtmoestuin Achter De Linde", "Dorpsboerderij Het Veen"},
    "moestuinen": {"Buurtmoestuin Achter De Linde", "Dorpsboerderij Het Veen"},
    "moestuintje": set(),
    "notenboom": {"Voedselbos Bergakker"},
    "oudere": {
        "Buurtbus Oosterhei",
        "Huiskamer van Oosterhei",
        "Klussendienst Westerbos",
        "Samen Sporten 65+",
        "Speeltuin De Wilgen opknappen",
        "Veilige schoolroute Oosterhei",
        "Vertelcafé Bergakker",
    },
    "ouderen": {
        "Buurtbus Oosterhei",
        "Huiskamer van Oosterhei",
        "Klussendienst Westerbos",
        "Samen Sporten 65+",
        "Speeltuin De Wilgen opknappen",
        "Veilige schoolroute Oosterhei",
        "Vertelcafé Bergakker",
    },
    "paneel": {"Energiecoöperatie Lindelaan"},
    "panelen": {"Energiecoöperatie Lindelaan"},
    "printer": {"Buurtwerkplaats Molenwijk"},
    "repair café": {"Repair Café Centrum"},
    "samen koffie": {"Huiskamer van Oosterhei", "Repair Café Centrum"},
    "scholen": {
        "Deelauto's Dorrestein",
        "Energiecoöperatie Lindelaan",
        "Muziekles voor iedereen",
        "Veilige schoolroute Oosterhei",
        "Voedselbos Bergakker",
    },
    "school": {
        "Deelauto's Dorrestein",
        "Energiecoöperatie Lindelaan",
        "Muziekles voor iedereen",
        "Veilige schoolroute Oosterhei",
        "Voedselbos Bergakker",
    },
    "schoolplein": {"Schoolplein groen De Regenboog"},
    "spel": {"Muziekles voor iedereen"},
    "spelletje": {"Taalcafé Molenwijk"},
    "tiny house": set(),
    "toestel": set(),
    "toestellen": {"Speeltuin De Wilgen opknappen"},
    "tuin": {"Kunstroute Lindeveen", "Stiltetuin Centrum", "Tiny houses Het Veen"},
    "tuinen": {"Kunstroute Lindeveen", "Stiltetuin Centrum", "Tiny houses Het Veen"},
    "vrijwillige": {"Buurtbus Oosterhei", "Klussendienst Westerbos", "Repair Café Centrum"},
    "vrijwilliger": {"Buurtkoelkast De Linde", "Dorpsauto Heideborg", "Fietsenbieb Centrum", "Isolatieteam Westerbos"},
    "vrijwilligers": {"Buurtkoelkast De Linde", "Dorpsauto Heideborg", "Fietsenbieb Centrum", "Isolatieteam Westerbos"},
    "wadi": {"Hittebestendig Het Veen"},
    "wijk": {"Deelauto's Dorrestein", "Huiswerkklas Molenwijk", "Lokale markt Molenwijk", "Wijkfeest De Linde"},
    "wijken": {"Deelauto's Dorrestein", "Huiswerkklas Molenwijk", "Lokale markt Molenwijk", "Wijkfeest De Linde"},
    "zaterdag": {"Repair Café Centrum"},
    "zaterdagen": {"Repair Café Centrum"},
    "zon en wind": set(),
    "zonnepaneel": {"Dorpshuis zonnedak", "Energiecoöperatie Lindelaan"},
    "zonnepanelen": {"Dorpshuis zonnedak", "Energiecoöperatie Lindelaan"},
}


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=StringIO())


def _found(q):
    return {i.title for i in initiative_list(municipality=None, filters=InitiativeFilters(q=q))}


def test_dutch_queries_find_what_postgresql_finds_on_the_demo_data(demo):
    found = {q: _found(q) for q in EXPECTED}
    assert found == EXPECTED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's to_tsvector")
def test_lexemes_are_postgresqls_on_every_demo_text(demo):
    from ..models import Initiative

    different = {}
    with connection.cursor() as cursor:
        for title, pitch, story in Initiative.objects.values_list("title", "pitch", "story"):
            for text in (title, f"{pitch} {story}"):
                cursor.execute("SELECT array(SELECT lexeme FROM unnest(to_tsvector('dutch', %s)))", [text])
                expected = set(cursor.fetchone()[0])
                if set(lexemes(text)) != expected:
                    different[text] = (sorted(set(lexemes(text)) - expected), sorted(expected - set(lexemes(text))))
    assert different == {}
