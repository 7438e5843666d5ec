"""The ballot keeps its promises: change it from any device until the close; an empty ballot is asked first.

A code proves possession of the letter: entering it again (another phone, another
browser) opens the ballot as it stands, and a change replaces the one ballot of that
code. A verified resident has the same on every device they log in on. Only the last
choice counts, and an empty form is a question before it is a vote.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot, VotingCode
from samenspel.budgeting.phases import Phase

from .factories import PlanFactory, VoterDeclarationFactory

pytestmark = pytest.mark.django_db

EMPTY_QUESTION = "U heeft geen plannen gekozen. Wilt u echt een lege stem uitbrengen?"


def url(budget_round, name):
    return reverse(
        f"budgeting:{name}", kwargs={"municipality": budget_round.municipality.slug, "slug": budget_round.slug}
    )


def device_with_code(budget_round, code) -> Client:
    """A fresh browser in which the voter types the code from the letter."""
    device = Client()
    response = device.post(url(budget_round, "code"), {"code": code})
    assert response.status_code == 302, response.content.decode()
    return device


def checked(page: str, plan) -> bool:
    return f'value="{plan.pk}" id="plan-{plan.pk}" data-cost="{plan.final_cost}" checked' in page


# --- 1. Changing the ballot from any device -----------------------------------------


def test_a_code_entered_again_returns_the_same_voter(voting_round, code_for):
    code = code_for(voting_round)
    speeltuin, moestuin, _bankjes = voting_round.test_plans
    first = services.code_redeem(budget_round=voting_round, entered=code, ip="1", session_key="phone")
    services.ballot_submit(budget_round=voting_round, plan_ids=[speeltuin.pk], code_hash=first)
    second = services.code_redeem(budget_round=voting_round, entered=code.lower(), ip="2", session_key="laptop")
    assert second == first
    services.ballot_submit(budget_round=voting_round, plan_ids=[moestuin.pk], code_hash=second)
    assert Ballot.objects.count() == 1
    assert list(Ballot.objects.get().plans.all()) == [moestuin]


def test_a_used_code_opens_the_ballot_on_another_device_with_the_current_choice(voting_round, code_for):
    code = code_for(voting_round)
    speeltuin, moestuin, bankjes = voting_round.test_plans
    phone = device_with_code(voting_round, code)
    assert phone.post(url(voting_round, "ballot"), {"plans": [speeltuin.pk]}).status_code == 302
    first_vote = VotingCode.objects.get().used_at

    laptop = device_with_code(voting_round, code)  # before this change: "Met deze stemcode is al gestemd."
    page = laptop.get(url(voting_round, "ballot")).content.decode()
    assert checked(page, speeltuin) and not checked(page, moestuin)
    assert "Uw stem is binnen: u koos 1 plan." in page
    assert "Laatst gewijzigd op" in page
    assert "Keuze aanpassen" in page

    assert laptop.post(url(voting_round, "ballot"), {"plans": [moestuin.pk, bankjes.pk]}).status_code == 302
    assert Ballot.objects.count() == 1
    assert set(Ballot.objects.get().plans.all()) == {moestuin, bankjes}
    # The first device shows the last choice too; the code keeps the moment it first voted.
    page = phone.get(url(voting_round, "ballot")).content.decode()
    assert checked(page, moestuin) and checked(page, bankjes) and not checked(page, speeltuin)
    assert VotingCode.objects.get().used_at == first_vote


def test_the_code_page_says_a_code_can_be_entered_again(client, voting_round):
    page = client.get(url(voting_round, "code")).content.decode()
    assert "Heeft u al gestemd? Vul dezelfde code opnieuw in" in page


def test_a_verified_resident_changes_the_ballot_from_another_device(make_round, municipality, resident):
    budget_round = make_round(Phase.VOTING, voter_mode="verified")
    one, other = PlanFactory.create_batch(2, budget_round=budget_round, cost=10_000)
    VoterDeclarationFactory(municipality=municipality, user=resident)
    phone, laptop = Client(), Client()
    phone.force_login(resident)
    laptop.force_login(resident)
    assert phone.post(url(budget_round, "ballot"), {"plans": [one.pk]}).status_code == 302
    page = laptop.get(url(budget_round, "ballot")).content.decode()
    assert checked(page, one) and "Laatst gewijzigd op" in page
    assert laptop.post(url(budget_round, "ballot"), {"plans": [other.pk]}).status_code == 302
    assert Ballot.objects.count() == 1
    assert list(Ballot.objects.get().plans.all()) == [other]


def test_after_the_close_a_code_opens_nothing_and_the_last_choice_stays(voting_round, code_for, municipality_admin):
    code = code_for(voting_round)
    speeltuin, moestuin, _bankjes = voting_round.test_plans
    phone = device_with_code(voting_round, code)
    assert phone.post(url(voting_round, "ballot"), {"plans": [speeltuin.pk]}).status_code == 302
    closed = services.round_phase_move(budget_round=voting_round, actor=municipality_admin, phase=Phase.RESULT)
    with pytest.raises(ValidationError):
        services.code_redeem(budget_round=closed, entered=code, ip="1", session_key="late")
    assert phone.post(url(voting_round, "ballot"), {"plans": [moestuin.pk]}).status_code == 403
    assert list(Ballot.objects.get().plans.all()) == [speeltuin]


# --- 2. An empty ballot is asked before it counts -----------------------------------


def test_an_empty_ballot_is_refused_by_the_service_until_confirmed(voting_round, code_for):
    digest = services.code_redeem(budget_round=voting_round, entered=code_for(voting_round), ip="1", session_key="s")
    with pytest.raises(ValidationError) as info:
        services.ballot_submit(budget_round=voting_round, plan_ids=[], code_hash=digest)
    assert info.value.code == services.EMPTY_BALLOT
    assert EMPTY_QUESTION in info.value.messages
    assert Ballot.objects.count() == 0
    assert VotingCode.objects.get().used_at is None
    ballot = services.ballot_submit(budget_round=voting_round, plan_ids=[], code_hash=digest, empty_confirmed=True)
    assert ballot.plans.count() == 0 and Ballot.objects.count() == 1


def test_an_empty_ballot_page_asks_for_confirmation_without_javascript(voting_round, code_for):
    device = device_with_code(voting_round, code_for(voting_round))
    response = device.post(url(voting_round, "ballot"), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert EMPTY_QUESTION in page
    assert 'name="confirm_empty"' in page and "Ja, lege stem uitbrengen" in page
    assert "<script" not in page.split("<main", 1)[1]  # the question needs no script
    assert Ballot.objects.count() == 0

    response = device.post(url(voting_round, "ballot"), {"confirm_empty": "on"})
    assert response.status_code == 302
    assert Ballot.objects.get().plans.count() == 0
    page = device.get(url(voting_round, "ballot")).content.decode()
    assert "Uw stem is binnen: u bracht een lege stem uit." in page


def test_emptying_an_existing_ballot_is_asked_too_and_keeps_the_choice_until_confirmed(voting_round, code_for):
    device = device_with_code(voting_round, code_for(voting_round))
    speeltuin = voting_round.test_plans[0]
    device.post(url(voting_round, "ballot"), {"plans": [speeltuin.pk]})
    page = device.post(url(voting_round, "ballot"), {}).content.decode()
    assert EMPTY_QUESTION in page and "Uw vorige keuze vervalt dan." in page
    assert list(Ballot.objects.get().plans.all()) == [speeltuin]
    device.post(url(voting_round, "ballot"), {"confirm_empty": "on"})
    assert Ballot.objects.get().plans.count() == 0


def test_a_round_that_requires_plans_refuses_an_empty_ballot_without_asking(make_round, code_for):
    budget_round = make_round(Phase.VOTING, ballot_type="count", min_plans=1, max_plans=2)
    PlanFactory.create_batch(2, budget_round=budget_round)
    device = device_with_code(budget_round, code_for(budget_round))
    for data in ({}, {"confirm_empty": "on"}):
        response = device.post(url(budget_round, "ballot"), data)
        page = response.content.decode()
        assert response.status_code == 400
        assert "Kies minstens 1 plan; u koos er 0." in page and EMPTY_QUESTION not in page
    assert Ballot.objects.count() == 0
