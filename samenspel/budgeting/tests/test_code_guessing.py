"""Guessing voting codes is slow for the guesser and for nobody else (issue 17, finding 1).

Measured before: behind the proxy, after 20 wrong codes from fresh sessions a valid code was
refused for every voter until the next hour (the limit was on the proxy's address).
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.budgeting.services import voting

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
WRONG = "ABCD-EFGH-JKMN"


def url(budget_round, name):
    return reverse(
        f"budgeting:{name}", kwargs={"municipality": budget_round.municipality.slug, "slug": budget_round.slug}
    )


def _enter(client, budget_round, code, via):
    response = client.post(url(budget_round, "code"), {"code": code}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=via)
    body = response.content.decode()
    if response.status_code == 302:
        return "accepted"
    if "te vaak een verkeerde stemcode" in body:
        return "waiting"
    if "kennen we niet" in body:
        return "unknown"
    return f"{response.status_code}"


def test_twenty_wrong_codes_from_fresh_sessions_refuse_nobody_else(client, voting_round, code_for, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    answers = []
    for _ in range(20):
        client.cookies.clear()  # a fresh session each time, as the measured attack did
        answers.append(_enter(client, voting_round, WRONG, via="203.0.113.66"))
    # The guesser had the free five and one more, then has to wait ever longer.
    assert answers[:6] == ["unknown"] * 6
    assert set(answers[6:]) == {"waiting"}
    client.cookies.clear()
    assert _enter(client, voting_round, code_for(voting_round), via="198.51.100.7") == "accepted"
    # Even his own right code waits: the wait is what makes guessing slow.
    client.cookies.clear()
    assert _enter(client, voting_round, code_for(voting_round), via="203.0.113.66") == "waiting"


def test_the_wait_is_said_in_minutes_or_seconds(voting_round):
    for n in range(voting.CODE_BACKOFF.free + 1):
        with pytest.raises(ValidationError, match="kennen we niet"):
            voting.code_redeem(budget_round=voting_round, entered=WRONG, ip="203.0.113.66", session_key=f"s{n}")
    with pytest.raises(ValidationError, match=r"Probeer het over [12] seconden? opnieuw"):
        voting.code_redeem(budget_round=voting_round, entered=WRONG, ip="203.0.113.66", session_key="s-last")


def test_a_right_code_is_no_failure_for_a_shared_address(voting_round, code_for):
    """A library where many people vote from one address: right codes never count as guesses."""
    for n in range(30):
        assert voting.code_redeem(
            budget_round=voting_round, entered=code_for(voting_round), ip="192.0.2.10", session_key=f"s{n}"
        )


def test_one_code_is_accepted_a_limited_number_of_times_a_day(voting_round, code_for):
    code = code_for(voting_round)
    for n in range(voting.CODE_ENTRIES_PER_CODE):
        voting.code_redeem(budget_round=voting_round, entered=code, ip=f"192.0.2.{n}", session_key=f"s{n}")
    with pytest.raises(ValidationError, match="te vaak ingevuld"):
        voting.code_redeem(budget_round=voting_round, entered=code, ip="192.0.2.200", session_key="s-last")
