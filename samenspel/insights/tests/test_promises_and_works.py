"""Buurtrecht terms kept, experiments and their evaluations, practices adopted from and by others."""

import datetime

import pytest
from django.utils import timezone

from samenspel.core.tests.factories import MunicipalityFactory
from samenspel.insights import selectors
from samenspel.insights.periods import Period


def _this_year() -> Period:
    today = timezone.localdate()
    return Period(today - datetime.timedelta(days=60), today)


def _table(tables, key):
    return next(t for t in tables if t.key == key)


@pytest.mark.django_db
def test_rights_terms_kept_follow_the_rights_apps_own_figures(municipality, resident, coach, municipality_admin):
    from samenspel.rights import selectors as rights_selectors
    from samenspel.rights.models import State
    from samenspel.rights.tests.factories import adopt, in_state

    adopt(municipality, municipality_admin)
    in_state(municipality, resident, municipality_admin, municipality_admin, State.DECIDED)
    in_state(municipality, resident, municipality_admin, municipality_admin, State.DECIDED, granted=False)
    in_state(municipality, resident, municipality_admin, municipality_admin, State.ASSESSMENT)

    table = selectors.rights_terms(municipality=municipality, period=_this_year())
    total = next(r for r in table.rows if r["right"] == "all")
    figures = rights_selectors.figures(municipality=municipality)
    assert total["decided"] == sum(f.decided for f in figures) == 2
    assert total["within_term"] == sum(f.within_term for f in figures) == 2
    assert total["share_within_term_percent"] == 100
    # Deciding is the municipality's work: a count under 5 is shown, not suppressed.
    challenge = next(r for r in table.rows if r["right"] == "challenge")
    assert challenge["decided"] == 2

    promises = selectors.promises(municipality=municipality, period=_this_year())
    assert any(t.key == "buurtrecht-termijnen" for t in promises["tables"])

    last_year = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert next(r for r in selectors.rights_terms(municipality=municipality, period=last_year).rows)["decided"] == 0


@pytest.mark.django_db
def test_experiments_by_outcome_and_decision_and_overdue_evaluations(municipality):
    from samenspel.experiments.tests.factories import ExperimentFactory

    today = timezone.localdate()
    now = timezone.now()
    ExperimentFactory(
        municipality=municipality,
        result="worked",
        verdict="scale_up",
        learned="Het werkte.",
        evaluated_at=now - datetime.timedelta(days=3),
        evaluation_date=today - datetime.timedelta(days=5),
    )
    ExperimentFactory(
        municipality=municipality,
        result="did_not",
        verdict="stop",
        learned="Niet.",
        evaluated_at=now - datetime.timedelta(days=2),
        evaluation_date=today - datetime.timedelta(days=5),
    )
    ExperimentFactory(municipality=municipality, evaluation_date=today - datetime.timedelta(days=1))  # overdue
    ExperimentFactory(municipality=municipality)  # due later
    ExperimentFactory(municipality=MunicipalityFactory(), evaluation_date=today - datetime.timedelta(days=1))

    tables = selectors.blocks(municipality=municipality, period=_this_year())["tables"]
    outcomes = {r["result"]: r for r in _table(tables, "experimenten-uitkomsten").rows}
    assert outcomes["worked"]["scale_up"] == 1 and outcomes["worked"]["total"] == 1
    assert outcomes["did_not"]["stop"] == 1 and outcomes["partly"]["total"] == 0
    assert _table(tables, "experimenten-evaluaties").rows == [{"evaluated": 2, "overdue": 1, "due": 1}]


@pytest.mark.django_db
def test_practices_adopted_from_and_by_this_municipality(municipality):
    from samenspel.practices.models import Adoption
    from samenspel.practices.tests.factories import PracticeFactory

    other = MunicipalityFactory(name="Oosterwolde")
    ours = PracticeFactory(municipality=municipality, title="Tuinen op daken")
    theirs = PracticeFactory(municipality=other, title="Buurtkast")
    withdrawn = PracticeFactory(municipality=other, title="Ingetrokken aanpak", status="withdrawn")
    Adoption.objects.create(practice=ours, municipality=other, note="Bij ons ook.")
    Adoption.objects.create(practice=theirs, municipality=municipality, note="Hier ook.")
    Adoption.objects.create(practice=withdrawn, municipality=municipality, note="Hier ook.")
    Adoption.objects.create(practice=ours, municipality=municipality, note="Onze eigen.")  # not from another

    tables = selectors.blocks(municipality=municipality, period=_this_year())["tables"]
    assert [(r["practice"], r["other"]) for r in _table(tables, "overgenomen-van-ons").rows] == [
        ("Tuinen op daken", "Oosterwolde")
    ]
    assert [(r["practice"], r["other"]) for r in _table(tables, "overgenomen-door-ons").rows] == [
        ("Buurtkast", "Oosterwolde")
    ]


@pytest.mark.django_db
def test_report_holds_terms_kept_experiments_and_adoptions(municipality, resident, municipality_admin):
    from samenspel.experiments.tests.factories import ExperimentFactory
    from samenspel.insights.report import build_data, render_html
    from samenspel.rights.models import State
    from samenspel.rights.tests.factories import adopt, in_state

    adopt(municipality, municipality_admin)
    in_state(municipality, resident, municipality_admin, municipality_admin, State.DECIDED)
    ExperimentFactory(
        municipality=municipality,
        title="Geen stichting nodig",
        result="partly",
        verdict="adjust_continue",
        learned="Kleine groepen vonden de weg, de administratie moet eenvoudiger.",
        evaluated_at=timezone.now(),
        evaluation_date=timezone.localdate(),
    )
    year = timezone.localdate().year
    data = build_data(municipality=municipality, year=year)
    assert data["tables"]["buurtrecht-termijnen"]["rows"][-1]["within_term"] == 1
    assert data["evaluations"][0]["result"] == "partly"
    assert "overgenomen-van-ons" in data["tables"]
    html = render_html(municipality=municipality, year=year, data=data)
    assert "de administratie moet eenvoudiger" in html
    assert "Buurtrechtverzoeken besloten in de periode" in html
    assert "Aanpakken van andere gemeenten die deze gemeente overnam" in html
