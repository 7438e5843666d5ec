"""An ordinance may ask that a buurtrecht request comes from a DigiD-confirmed account.

DigiD is configured here by pointing it at the running stand-in broker; a confirmed account
is one with a DigiD link at the configured level, as the DigiD flow makes it (accounts tests
walk that flow through the broker itself).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.accounts.models import IdentityLink
from samenspel.accounts.services import identity_hash
from samenspel.accounts.tests.oidc_provider import oidc_provider  # noqa: F401 (a fixture)
from samenspel.audit.models import AuditEvent
from samenspel.rights import services
from samenspel.rights.models import Ordinance, RightRequest, State

from .factories import adopt, draft

pytestmark = pytest.mark.django_db


def _confirm(user, level="middle"):
    IdentityLink.objects.create(
        user=user,
        scheme="digid",
        subject_hash=identity_hash(scheme="digid", subject="999993653"),
        assurance_level=level,
    )


@pytest.fixture
def strict(municipality, municipality_admin, oidc_provider):  # noqa: F811
    return adopt(municipality, municipality_admin, rights={"challenge": {"digid_required": True}})


def test_an_unconfirmed_submitter_is_refused_and_the_draft_stays(strict, municipality, resident):
    request = draft(municipality, resident)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="met DigiD bevestigt"):
        services.request_submit(request=request, submitted_by=resident)
    request.refresh_from_db()
    assert (request.state, request.received_on, request.submitter_verified) == (State.DRAFT, None, False)
    assert AuditEvent.objects.count() == events


def test_a_confirmation_below_the_configured_level_does_not_count(strict, municipality, resident):
    _confirm(resident, level="basic")
    with pytest.raises(ValidationError, match="met DigiD bevestigt"):
        services.request_submit(request=draft(municipality, resident), submitted_by=resident)


def test_a_confirmed_submitter_submits_and_the_request_keeps_that_fact(strict, municipality, resident):
    _confirm(resident)
    request = services.request_submit(request=draft(municipality, resident), submitted_by=resident)
    assert RightRequest.objects.get(pk=request.pk).submitter_verified is True


def test_without_the_requirement_the_request_still_says_whether_its_submitter_was_confirmed(
    ordinance, municipality, resident
):
    plain = services.request_submit(request=draft(municipality, resident), submitted_by=resident)
    assert plain.submitter_verified is False
    _confirm(resident)
    confirmed = services.request_submit(
        request=draft(municipality, resident, title="Groenonderhoud Zuiderpark door de buurt"), submitted_by=resident
    )
    assert confirmed.submitter_verified is True
    assert RightRequest.objects.get(pk=plain.pk).submitter_verified is False  # a fact of its own submission


def test_requiring_digid_where_digid_is_not_configured_is_refused(municipality, municipality_admin):
    with pytest.raises(ValidationError, match="DigiD is op dit platform niet ingesteld"):
        adopt(municipality, municipality_admin, rights={"challenge": {"digid_required": True}})
    assert not Ordinance.objects.exists()


def test_the_pages_say_it_and_offer_digid_and_the_desk_shows_the_fact(
    strict, municipality, resident, coach, client_for
):
    request = draft(municipality, resident)
    page = client_for(resident).get(reverse("rights:detail", kwargs={"municipality": "lindeveen", "pk": request.pk}))
    text = page.content.decode()
    assert "bevestig uw account voordat u indient" in text and reverse("digid_start") in text
    form = client_for(resident).get(reverse("rights:new", kwargs={"municipality": "lindeveen", "right": "challenge"}))
    assert "Account bevestigen met DigiD" in form.content.decode()
    ordinance_page = client_for(resident).get(reverse("rights:ordinance", kwargs={"municipality": "lindeveen"}))
    assert "Wie indient, bevestigt het account met DigiD" in ordinance_page.content.decode()

    refused = client_for(resident).post(
        reverse("rights:submit", kwargs={"municipality": "lindeveen", "pk": request.pk}), follow=True
    )
    assert "met DigiD bevestigt" in refused.content.decode()
    assert RightRequest.objects.get(pk=request.pk).state == State.DRAFT

    _confirm(resident)
    client_for(resident).post(reverse("rights:submit", kwargs={"municipality": "lindeveen", "pk": request.pk}))
    assert RightRequest.objects.get(pk=request.pk).state == State.SUBMITTED
    desk = client_for(coach).get(reverse("rights:desk", kwargs={"municipality": "lindeveen", "pk": request.pk}))
    assert "had het account met DigiD bevestigd" in desk.content.decode()
