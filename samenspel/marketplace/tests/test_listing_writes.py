"""One write path for needs and offers: the marketplace's services, whichever page calls them.

Each service queues exactly one update of the stored matches; the marketplace page and
an initiative's page apply the same rules (location, length, audit names).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from samenspel.audit.models import AuditEvent

from .. import services, tasks
from ..models import Category, ListingStatus, ListingType, Need

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch, django_capture_on_commit_callbacks):
    """Every match update queued, as (side, id), once the transaction commits."""
    seen = []

    class FakeTask:
        @staticmethod
        def enqueue(side, pk, municipality_id):
            seen.append((side, pk))

    monkeypatch.setattr(tasks, "update_matches_for", FakeTask)
    return seen


def _publish(cast, **overrides):
    values = {
        "listing_type": ListingType.NEED,
        "municipality": cast.municipality,
        "user": cast.initiator,
        "initiative": cast.initiative,
        "category": Category.VOLUNTEERS,
        "title": "Handen voor de bouwdag",
        "description": "Zaterdag bouwen we de bakken.",
    }
    return services.listing_publish(**{**values, **overrides})


@pytest.mark.parametrize("owner", ["initiative", "organisation", "person"])
def test_publish_edit_and_status_change_each_queue_exactly_one_match_update(
    cast, queued, owner, django_capture_on_commit_callbacks
):
    owners = {
        "initiative": {"user": cast.initiator, "initiative": cast.initiative},
        "organisation": {"user": cast.org_member, "initiative": None, "organisation": cast.organisation},
        "person": {"user": cast.org_member, "initiative": None, "themes": [cast.themes["groen"]]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        need = _publish(cast, **owners[owner])
    assert queued == [("need", need.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_edit(
            listing=need,
            user=need.created_by,
            category=Category.KNOWLEDGE,
            title="Iemand die bakken kan bouwen",
            description="Met verstand van hout.",
            themes=[cast.themes["wonen"]],
        )
    assert queued == [("need", need.pk)] * 2

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_status_set(listing=need, user=need.created_by, status=ListingStatus.MET)
    assert queued == [("need", need.pk)] * 3


def test_a_refused_write_queues_nothing(cast, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="2000"):
        _publish(cast, description="x" * 2001)
    assert queued == []


def test_an_unchanged_status_queues_nothing(cast, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_status_set(listing=cast.need, user=cast.initiator, status=ListingStatus.OPEN)
    assert queued == []


# --- The two entry points: the marketplace page and an initiative's page ---------------------


def _initiative_url(cast, name, **kwargs):
    return reverse(f"initiatives:{name}", kwargs={"municipality": "lindeveen", "slug": cast.initiative.slug, **kwargs})


def _market_url(name, **kwargs):
    return reverse(f"marketplace:{name}", kwargs={"municipality": "lindeveen", **kwargs})


FORM = {
    "category": Category.VOLUNTEERS,
    "title": "Handen voor de bouwdag",
    "description": "Zaterdag bouwen we de bakken.",
}


def test_both_pages_place_a_need_at_the_centre_of_its_area_never_at_an_exact_point(client_for, cast):
    linde = cast.municipality.neighbourhoods.get(slug="de-linde")
    cast.initiative.lat, cast.initiative.lon = 52.2031, 5.2077  # somewhere inside De Linde, not its centre
    cast.initiative.save()
    client_for(cast.initiator).post(_initiative_url(cast, "need_new"), FORM)
    client_for(cast.org_member).post(
        _market_url("need_new"), {**FORM, "title": "Bakken", "on_behalf": "persoon", "neighbourhood": linde.pk}
    )
    from_initiative = Need.objects.get(title=FORM["title"])
    from_marketplace = Need.objects.get(title="Bakken")
    for need in (from_initiative, from_marketplace):
        assert need.neighbourhood == linde
        assert (need.lat, need.lon) == pytest.approx(linde.centre)


@pytest.mark.parametrize("entry", ["initiative", "marketplace"])
def test_both_pages_refuse_a_description_over_2000_characters(client_for, cast, entry):
    before = Need.objects.count()
    data = {**FORM, "description": "x" * 2001}
    if entry == "initiative":
        response = client_for(cast.initiator).post(_initiative_url(cast, "need_new"), data)
    else:
        response = client_for(cast.org_member).post(_market_url("need_new"), {**data, "on_behalf": "persoon"})
    assert response.status_code == 400 and "2000" in response.content.decode()
    assert Need.objects.count() == before


def test_both_pages_audit_publishing_and_status_under_the_same_names(client_for, cast):
    client_for(cast.initiator).post(_initiative_url(cast, "need_new"), FORM)
    from_initiative = Need.objects.get(title=FORM["title"])
    client_for(cast.initiator).post(
        _initiative_url(cast, "need_status", pk=from_initiative.pk), {"status": ListingStatus.MET}
    )
    client_for(cast.org_member).post(_market_url("offer_status", pk=cast.offer.pk), {"status": "withdrawn"})

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["marketplace.need_published", "marketplace.need_status", "marketplace.offer_status"]


def test_importing_the_app_and_its_pages_does_not_load_the_matching_engine():
    """numpy, scipy and scikit-learn load in the worker that matches, not in every web process."""
    code = (
        "import sys, django; django.setup();"
        "import samenspel.urls, samenspel.api_urls, samenspel.marketplace.views, samenspel.marketplace.services;"
        "import samenspel.initiatives.views;"
        "print('samenspel.marketplace.matching' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert result.stdout.strip() == "False"


def test_the_marketplace_does_not_import_the_initiatives_app():
    """Initiatives depend on the marketplace (their pages call its services), never the reverse."""
    import ast

    app = Path(__file__).resolve().parents[1]
    offenders = []
    for path in app.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(name.startswith("samenspel.initiatives") for name in names):
                offenders.append(path.name)
    assert offenders == []
