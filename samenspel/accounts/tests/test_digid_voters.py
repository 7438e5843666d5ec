"""Who may vote because of DigiD: a DigiD-confirmed resident, in a verified round without a
minimum age, in their own area; everyone else as before (declarations, codes)."""

import pytest

from samenspel.accounts.models import IdentityLink
from samenspel.accounts.services import identity_hash
from samenspel.budgeting.phases import Phase
from samenspel.budgeting.rules import BallotAccess, voter_eligible
from samenspel.budgeting.tests.factories import BudgetRoundFactory
from samenspel.core.tests.factories import NeighbourhoodFactory, UserFactory


def _link(user, level="middle"):
    IdentityLink.objects.create(
        user=user, scheme="digid", subject_hash=identity_hash(scheme="digid", subject=f"{user.pk:09d}"),
        assurance_level=level,
    )  # fmt: skip


@pytest.fixture
def open_round(municipality):
    return BudgetRoundFactory(municipality=municipality, phase=Phase.VOTING, voter_mode="verified", min_age=0)


@pytest.mark.django_db
def test_a_digid_confirmed_resident_may_vote(resident, open_round):
    assert not voter_eligible(user=resident, budget_round=open_round)
    _link(resident)
    assert voter_eligible(user=resident, budget_round=open_round)
    assert resident.has_perm("budgeting.vote", BallotAccess(open_round, None))


@pytest.mark.django_db
def test_a_level_below_the_minimum_does_not_count(resident, open_round):
    _link(resident, level="base")
    assert not voter_eligible(user=resident, budget_round=open_round)


@pytest.mark.django_db
def test_a_round_with_a_minimum_age_still_needs_a_declaration(resident, open_round):
    _link(resident)
    open_round.min_age = 16
    open_round.save()
    assert not voter_eligible(user=resident, budget_round=open_round)


@pytest.mark.django_db
def test_only_residents_of_the_municipality(open_round):
    stranger = UserFactory()
    _link(stranger)
    assert not voter_eligible(user=stranger, budget_round=open_round)


@pytest.mark.django_db
def test_a_neighbourhood_round_asks_the_profile_area(resident, open_round, municipality):
    _link(resident)
    elsewhere = NeighbourhoodFactory(municipality=municipality, name="Het Veen", slug="het-veen", cbs_code="WK900102")
    open_round.neighbourhood = municipality.neighbourhoods.get(slug="de-linde")
    open_round.save()
    assert not voter_eligible(user=resident, budget_round=open_round)
    resident.neighbourhood = elsewhere
    resident.save()
    assert not voter_eligible(user=resident, budget_round=open_round)
    resident.neighbourhood = open_round.neighbourhood
    resident.save()
    assert voter_eligible(user=resident, budget_round=open_round)


@pytest.mark.django_db
def test_the_avg_download_says_digid_was_linked_but_not_the_hash(resident):
    from samenspel.accounts.personal_data import export_data

    _link(resident)
    data = export_data(user=resident)
    assert data["identity_links"][0]["scheme"] == "digid"
    assert data["identity_links"][0]["assurance_level"] == "middle"
    assert IdentityLink.objects.get().subject_hash not in str(data)


@pytest.mark.django_db
def test_deleting_the_account_removes_the_link(resident):
    from samenspel.accounts.personal_data import erase

    _link(resident)
    erase(user=resident)
    assert not IdentityLink.objects.exists()
