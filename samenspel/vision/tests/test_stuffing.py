"""Ballot-box and opinion-map stuffing (issue 17, finding 2).

Measured before: 300 POSTs to /api/v1/votes without a cookie made 300 participants and 300
"agree" votes in 3.5 s; statements had no limit; the map page did not say who took part.
"""

import pytest
from django.core.exceptions import ValidationError

from samenspel.vision.models import Participant, Statement, Vote
from samenspel.vision.services import participation, statements

from .factories import ParticipantFactory, StatementFactory, VoteFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
TEXTS = [
    "Meer bomen langs de Veenkade.",
    "Een bibliotheek die ook op zondag open is.",
    "Gratis parkeren bij de markt op zaterdag.",
    "Een skatebaan achter het sportpark.",
    "Minder verkeer rond de basisscholen.",
    "Elke wijk een eigen moestuin.",
    "Zonnepanelen op alle gemeentelijke gebouwen.",
    "Een veilige fietsroute naar het station.",
    "Meer bankjes voor ouderen in het centrum.",
    "Een jongerencentrum dat 's avonds open is.",
    "Geen nieuwe kantoren in het groen.",
    "Een buurtbus voor de dorpen rond de stad.",
]


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def _vote(client, statement, via):
    client.cookies.clear()  # no participant cookie: each vote would be a new person
    return client.post(
        "/api/v1/votes",
        {"statement": statement.pk, "value": 1},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via,
    )


def test_300_cookieless_votes_make_no_300_participants(client, process):
    statement = StatementFactory(process=process)
    answers = [_vote(client, statement, via="203.0.113.66") for _ in range(300)]
    limit = participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT
    assert [a.status_code for a in answers].count(201) == limit
    assert Participant.objects.count() == Vote.objects.count() == limit
    refused = answers[-1]
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "Log in om toch te stemmen" in refused.json()["detail"]
    # Another client behind the same proxy votes as before.
    assert _vote(client, statement, via="198.51.100.7").status_code == 201


def test_a_participant_with_a_cookie_keeps_voting(client, process):
    first, second = StatementFactory.create_batch(2, process=process)
    for _ in range(participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT):
        _vote(client, first, via="203.0.113.66")
    # The last answer's cookie is in the client: that participant votes on, nobody new is made.
    response = client.post(
        "/api/v1/votes",
        {"statement": second.pk, "value": -1},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert response.status_code == 201
    assert Participant.objects.count() == participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT
    assert _vote(client, second, via="203.0.113.66").status_code == 429


def test_the_vote_page_refuses_with_the_reason(client, process):
    statement = StatementFactory(process=process)
    url = f"/{process.municipality.slug}/toekomstvisie/{process.slug}/stem/"
    for _ in range(participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT):
        client.cookies.clear()
        client.post(url, {"statement": statement.pk, "value": 1}, REMOTE_ADDR="203.0.113.66")
    client.cookies.clear()
    response = client.post(url, {"statement": statement.pk, "value": 1}, REMOTE_ADDR="203.0.113.66")
    assert response.status_code == 400
    assert "Log in om toch te stemmen" in response.content.decode()
    assert Participant.objects.count() == participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT


def test_logged_in_voters_are_not_limited_by_their_address(client_for, process, people):
    statement = StatementFactory(process=process)
    for _ in range(participation.ANONYMOUS_PARTICIPANTS_PER_CLIENT):
        _vote(client_for(None), statement, via="203.0.113.66")
    client = client_for(people["resident"])
    response = client.post(
        "/api/v1/votes",
        {"statement": statement.pk, "value": -1},
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert response.status_code == 201


def test_statements_are_limited_per_person_with_a_dutch_message(client_for, process, resident):
    client = client_for(resident)
    answers = [
        client.post("/api/v1/statements", {"process": process.pk, "text": text}, content_type="application/json")
        for text in TEXTS[: statements.STATEMENTS_PER_PERSON + 1]
    ]
    assert [a.status_code for a in answers] == [201] * statements.STATEMENTS_PER_PERSON + [429]
    assert answers[-1]["Content-Type"].startswith("application/problem+json")
    assert "al veel stellingen ingediend" in answers[-1].json()["detail"]
    assert Statement.objects.count() == statements.STATEMENTS_PER_PERSON
    # The page says the same, on the form, and saves nothing.
    page = client.post(f"/{process.municipality.slug}/toekomstvisie/{process.slug}/stelling/", {"text": TEXTS[-1]})
    assert page.status_code == 400
    assert "al veel stellingen ingediend" in page.content.decode()
    assert Statement.objects.count() == statements.STATEMENTS_PER_PERSON


def test_statements_are_limited_per_client(process, monkeypatch):
    from samenspel.core.tests.factories import UserFactory

    monkeypatch.setattr(statements, "STATEMENTS_PER_CLIENT", 3)
    for text in TEXTS[:3]:
        statements.statement_submit(process=process, text=text, author=UserFactory(), client="203.0.113.66")
    with pytest.raises(ValidationError, match="al veel stellingen ingediend"):
        statements.statement_submit(process=process, text=TEXTS[3], author=UserFactory(), client="203.0.113.66")
    statements.statement_submit(process=process, text=TEXTS[3], author=UserFactory(), client="198.51.100.7")
    assert Statement.objects.count() == 4


def test_a_refused_statement_costs_nothing(process, resident):
    """A duplicate or a too long text is refused before it is counted."""
    statements.statement_submit(process=process, text=TEXTS[0], author=resident, client="203.0.113.66")
    for _ in range(statements.STATEMENTS_PER_PERSON + 2):
        with pytest.raises(ValidationError, match="bestaat al"):
            statements.statement_submit(process=process, text=TEXTS[0], author=resident, client="203.0.113.66")
    statements.statement_submit(process=process, text=TEXTS[1], author=resident, client="203.0.113.66")


def test_the_map_page_says_how_many_took_part_verified_and_anonymous(client, process, resident):
    statement = StatementFactory(process=process)
    VoteFactory(statement=statement, participant=ParticipantFactory(process=process, user=resident))
    for _ in range(3):
        VoteFactory(statement=statement, participant=ParticipantFactory(process=process, user=None))
    ParticipantFactory(process=process, user=None)  # no vote: not counted
    page = client.get(f"/{process.municipality.slug}/toekomstvisie/{process.slug}/opiniekaart/").content.decode()
    assert "4 deelnemers hebben gestemd: 1 ingelogd, 3 anoniem." in page
