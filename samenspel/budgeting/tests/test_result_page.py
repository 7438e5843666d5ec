"""The result page speaks plain language to residents and keeps the recount for experts in its own section.

Residents read short B1 sentences per plan ("Dit plan krijgt geld. Het kreeg de steun
van 3 stemmers."), with no cents of what supporters had left and no command lines.
The method, the .pb file, the command to recount and the exact amounts sit in a folded
section "Voor wie wil narekenen". On an English page the sentences are English.
"""

import re

import pytest
from django.urls import reverse

from samenspel.budgeting import services
from samenspel.budgeting.phases import Phase

from .factories import BallotFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(make_round, municipality_admin):
    """A published equal-shares result where one plan is funded and one is not, with odd cents left over."""
    budget_round = make_round(Phase.RESULT, rule="mes", budget=100_003)
    speeltuin = PlanFactory(budget_round=budget_round, title="Speeltuin Zuiderpark", cost=30_000)
    moestuin = PlanFactory(budget_round=budget_round, title="Moestuin De Linde", cost=80_000)
    for _ in range(3):
        BallotFactory(budget_round=budget_round, plans=[speeltuin])
    BallotFactory(budget_round=budget_round, plans=[moestuin, speeltuin])
    BallotFactory(budget_round=budget_round, plans=[moestuin])
    result = services.round_count(budget_round=budget_round, actor=municipality_admin)
    services.result_publish(result=result, actor=municipality_admin)
    return budget_round


def result_url(budget_round) -> str:
    return reverse(
        "budgeting:result", kwargs={"municipality": budget_round.municipality.slug, "slug": budget_round.slug}
    )


def split(page: str) -> tuple[str, str]:
    """(what every resident sees, the folded recount section)."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    before, rest = main.split('<details class="recount"', 1)
    recount, after = rest.split("</details>", 1)
    return before + after, recount


def test_residents_read_plain_sentences_and_experts_find_the_recount_apart(client, counted):
    page = client.get(result_url(counted)).content.decode()
    resident, recount = split(page)
    assert "Dit plan krijgt geld. Het kreeg de steun van 4 stemmers." in resident
    assert "Dit plan krijgt geen geld. Het kreeg de steun van 2 stemmers." in resident
    # Nothing for experts where residents read: no command line, no cents, no method names.
    assert "python manage.py" not in resident and "pb_count" not in resident
    assert not re.search(r"€\s[\d.]+,\d\d", resident)
    assert "Method of Equal Shares" not in resident
    # The recount section: folded, with the method, the file, the command and the exact amounts.
    assert "<summary" in recount and "Voor wie wil narekenen" in recount
    assert " open" not in page.split('<details class="recount"', 1)[1].split(">", 1)[0]
    assert "gelijke delen (Method of Equal Shares)" in recount
    assert "uitslag.pb" in recount and "python manage.py pb_count" in recount
    assert re.search(r"€\s[\d.]+,\d\d", recount)  # what the supporters of the unfunded plan had left


def test_an_english_page_explains_the_result_in_english(client, counted):
    """Passes once the entries of notes/po-ballot.txt are compiled into the English catalogue."""
    client.post(reverse("set_language"), {"language": "en", "next": result_url(counted)})
    page = client.get(result_url(counted)).content.decode()
    resident, recount = split(page)
    assert "This plan gets money. It was supported by 4 voters." in resident
    assert "This plan gets no money. It was supported by 2 voters." in resident
    assert "Together they had enough for the cost of €30,000." in resident  # amounts written the English way
    assert "Dit plan krijgt" not in page and "stemmers" not in resident
    assert "For those who want to recount" in recount


def test_every_table_scrolls_inside_its_own_labelled_region(client, counted):
    page = client.get(result_url(counted)).content.decode()
    round_page = client.get(counted.get_absolute_url()).content.decode()
    for html in (page, round_page):
        tables = html.count("<table")
        regions = re.findall(
            r'<div class="table-scroll" role="region" tabindex="0" aria-labelledby="([\w-]+)">\s*<table[^>]*>\s*'
            r'<caption[^>]* id="([\w-]+)"',
            html,
        )
        assert tables and len(regions) == tables
        assert all(label == caption for label, caption in regions)
