"""A ballot cannot be linked to a person by anyone holding only the database (docs/security-ballots.md).

Before: a verified voter's ballot was stored with "u:<user id>" and a code ballot with the code's
own hash (the key of its VotingCode row), with times to the microsecond.
"""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from samenspel.budgeting import services
from samenspel.budgeting.models import Ballot, VotingCode
from samenspel.budgeting.phases import Phase
from samenspel.budgeting.secrecy import code_ballot_key, voter_ballot_key
from samenspel.core.tests.migrations import latest_schema, migrate  # noqa: F401 (a fixture)

from .factories import PlanFactory, VoterDeclarationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_round(make_round, municipality, resident):
    budget_round = make_round(Phase.VOTING, voter_mode="verified")
    budget_round.test_plans = PlanFactory.create_batch(2, budget_round=budget_round, cost=10_000)
    VoterDeclarationFactory(municipality=municipality, user=resident)
    return budget_round


def _row(ballot) -> dict:
    return Ballot.objects.filter(pk=ballot.pk).values().get()


def _plain_forms(number) -> set[str]:
    """What someone without the key could compute from a user id or code hash to compare."""
    text = str(number)
    return {text, f"u:{text}", f"c:{text}", hashlib.sha256(text.encode()).hexdigest()}


def test_a_verified_voters_ballot_holds_no_user_id_and_no_time(verified_round, resident):
    one, _other = verified_round.test_plans
    ballot = services.ballot_submit(budget_round=verified_round, plan_ids=[one.pk], user=resident)
    row = _row(ballot)
    assert set(row) == {"id", "budget_round_id", "voter_key", "changed_on"}
    assert row["voter_key"].startswith("v:") and len(row["voter_key"]) == 66
    assert not any(form in row["voter_key"] for form in _plain_forms(resident.pk) if len(form) > 8)
    assert row["voter_key"] not in {f"u:{resident.pk}", f"v:{resident.pk}"}
    assert isinstance(row["changed_on"], dt.date) and not isinstance(row["changed_on"], dt.datetime)
    assert row["changed_on"] == timezone.localdate()


def test_the_key_needs_the_servers_secret(verified_round, resident, settings):
    settings.BUDGET_CODE_KEY = "een-sleutel-die-alleen-de-server-kent-0123456789"
    first = voter_ballot_key(budget_round_id=verified_round.pk, user_id=resident.pk)
    settings.BUDGET_CODE_KEY = "een-andere-sleutel-van-een-andere-installatie-987"
    assert voter_ballot_key(budget_round_id=verified_round.pk, user_id=resident.pk) != first


def test_the_voter_still_changes_the_one_ballot_and_votes_once(verified_round, resident):
    one, other = verified_round.test_plans
    services.ballot_submit(budget_round=verified_round, plan_ids=[one.pk], user=resident)
    services.ballot_submit(budget_round=verified_round, plan_ids=[other.pk], user=resident)
    assert Ballot.objects.count() == 1
    assert list(Ballot.objects.get().plans.all()) == [other]


def test_the_same_person_has_unrelated_keys_in_two_rounds(verified_round, make_round, resident):
    second = make_round(Phase.VOTING, voter_mode="verified")
    assert voter_ballot_key(budget_round_id=verified_round.pk, user_id=resident.pk) != voter_ballot_key(
        budget_round_id=second.pk, user_id=resident.pk
    )


def test_a_code_ballot_cannot_be_joined_to_its_code(voting_round, code_for):
    code = code_for(voting_round)
    digest = services.code_redeem(budget_round=voting_round, entered=code, ip="127.0.0.1", session_key="s")
    ballot = services.ballot_submit(
        budget_round=voting_round, plan_ids=[voting_round.test_plans[0].pk], code_hash=digest
    )
    key = _row(ballot)["voter_key"]
    assert key == code_ballot_key(budget_round_id=voting_round.pk, code_hash=digest)
    stored_codes = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert digest in stored_codes and key[2:] not in stored_codes and digest not in key
    # The same code again changes the same ballot.
    services.ballot_submit(budget_round=voting_round, plan_ids=[voting_round.test_plans[1].pk], code_hash=digest)
    assert Ballot.objects.count() == 1


def test_the_ballot_is_in_the_voters_data_download_and_unlinked_on_erasure(verified_round, resident):
    from samenspel.budgeting import personal_data

    services.ballot_submit(budget_round=verified_round, plan_ids=[verified_round.test_plans[0].pk], user=resident)
    exported = personal_data.export(resident)["budgeting"]["ballots"]
    assert [b["plans"] for b in exported] == [[str(verified_round.test_plans[0])]]
    personal_data.erase(resident, pseudonym="x", placeholder=None)
    assert Ballot.objects.get().voter_key.startswith("deleted:")
    assert personal_data.export(resident)["budgeting"]["ballots"] == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema")
def test_the_migration_turns_linked_ballots_into_secret_ones_and_back(municipality, resident):
    before, after = [("budgeting", "0003_english_status_codes")], [("budgeting", "0004_secret_ballots")]
    old = migrate(before)
    Round = old.get_model("budgeting", "BudgetRound")
    now = timezone.now()
    budget_round = Round.objects.create(
        municipality_id=municipality.pk,
        title="Ronde",
        slug="ronde",
        budget=100_000,
        max_plan_cost=50_000,
        voter_mode="verified",
        **dict.fromkeys(
            ["submission_start", "feasibility_start", "voting_start", "voting_end", "implementation_start"], now
        ),
    )
    batch = old.get_model("budgeting", "CodeBatch").objects.create(budget_round_id=budget_round.pk, size=1)
    old.get_model("budgeting", "VotingCode").objects.create(
        budget_round_id=budget_round.pk, batch_id=batch.pk, code_hash="ab" * 32
    )
    OldBallot = old.get_model("budgeting", "Ballot")
    for key in (f"u:{resident.pk}", f"c:{'ab' * 32}", "pb:7"):
        OldBallot.objects.create(budget_round_id=budget_round.pk, voter_key=key)

    new = migrate(after)
    keys = set(new.get_model("budgeting", "Ballot").objects.values_list("voter_key", flat=True))
    assert keys == {
        voter_ballot_key(budget_round_id=budget_round.pk, user_id=resident.pk),
        code_ballot_key(budget_round_id=budget_round.pk, code_hash="ab" * 32),
        "pb:7",
    }
    assert set(new.get_model("budgeting", "Ballot").objects.values_list("changed_on", flat=True)) == {
        timezone.localdate()
    }
    back = migrate(before)
    assert set(back.get_model("budgeting", "Ballot").objects.values_list("voter_key", flat=True)) == {
        f"u:{resident.pk}",
        f"c:{'ab' * 32}",
        "pb:7",
    }
