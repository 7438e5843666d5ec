"""Voting: verified voters, voting codes (issued, redeemed, rate-limited) and the one ballot per voter."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.core.ratelimit import Backoff, hit, rate_limit

from .. import codes as codes_module
from ..ballots import BallotError, BallotRules, validate_ballot
from ..models import (
    Ballot,
    BallotType,
    BudgetRound,
    CodeBatch,
    Plan,
    VoterDeclaration,
    VotingCode,
)
from ..phases import Action, Phase, require_phase
from ..rules import voter_eligible
from ..secrecy import code_ballot_key, voter_ballot_key

# Guessing a voting code is made slow per client (its address as TRUSTED_PROXIES reveal it),
# never for everyone: six wrong codes a day from one client, then each next attempt waits
# twice as long as the one before (2 s, 4 s, ... up to an hour): about 16 guesses in the first
# hour and one an hour after, against ~60 bits per code.
# A household or a library behind one address has room for typing errors; an attacker behind
# another address slows down only himself.
CODE_BACKOFF = Backoff(name="budget-code", free=5, base=2, cap=3600, period=86400)
# One session may get a code wrong this often in an hour (a person's own typing errors).
CODE_FAILURES_PER_SESSION = 5
# A code that exists may be entered this often a day: a letter copied around, or one code
# tried from many places, stops there (its holder can ask the municipality for another).
CODE_ENTRIES_PER_CODE = 20
MAX_CODES_PER_BATCH = 20000
# The error code of an empty ballot the voter has not confirmed (the page then asks).
EMPTY_BALLOT = "empty_ballot"


def code_key() -> bytes:
    """The HMAC key for voting codes: BUDGET_CODE_KEY if configured, else derived from SECRET_KEY.

    Derived, not SECRET_KEY itself, so a leaked hash list says nothing about the session key.
    """
    configured = getattr(settings, "BUDGET_CODE_KEY", "")
    if configured:
        return configured.encode()
    return hashlib.sha256(b"samenspel.budgeting.codes:" + settings.SECRET_KEY.encode()).digest()


@transaction.atomic
def voter_declaration_set(*, municipality, actor, user, birth_year: int, neighbourhood=None) -> VoterDeclaration:
    """Mark an account as a verified voter (staff checked identity and address in person)."""
    this_year = timezone.now().year
    if birth_year is None or not (1900 <= birth_year <= this_year):
        raise ValidationError(
            {"birth_year": _("Vul een geboortejaar in tussen 1900 en %(year)s.") % {"year": this_year}}
        )
    if neighbourhood is not None and neighbourhood.municipality_id != municipality.pk:
        raise ValidationError({"neighbourhood": _("Deze wijk hoort niet bij de gemeente.")})
    declaration, _created = VoterDeclaration.objects.update_or_create(
        municipality=municipality,
        user=user,
        defaults={
            "birth_year": birth_year,
            "neighbourhood": neighbourhood,
            "verified_by": actor,
            "verified_at": timezone.now(),
        },
    )
    declaration.full_clean()
    audit_record(
        municipality=municipality,
        actor=actor,
        action="budgeting.voter_verified",
        summary=_("%(name)s geverifieerd als kiesgerechtigde.") % {"name": user.display_name},
        target=declaration,
    )
    return declaration


@transaction.atomic
def code_batch_create(*, budget_round: BudgetRound, actor, count: int) -> tuple[CodeBatch, list[str]]:
    """New single-use codes; only their hashes are stored. Returns the codes to print, once."""
    if count < 1 or count > MAX_CODES_PER_BATCH:
        raise ValidationError(_("Een reeks heeft 1 tot %(max)s stemcodes.") % {"max": MAX_CODES_PER_BATCH})
    if budget_round.phase() in (Phase.RESULT, Phase.IMPLEMENTATION):
        raise ValidationError(_("De stemming is gesloten; nieuwe stemcodes hebben geen zin meer."))
    key = code_key()
    existing = VotingCode.objects.filter(budget_round=budget_round).values_list("code_hash", flat=True)
    pairs = codes_module.generate_codes(count, key, existing_hashes=existing)
    batch = CodeBatch.objects.create(budget_round=budget_round, size=count, created_by=actor)
    VotingCode.objects.bulk_create(
        [VotingCode(budget_round=budget_round, batch=batch, code_hash=digest) for _code, digest in pairs]
    )
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.codes_created",
        summary=_("%(n)s stemcodes gemaakt voor %(round)s.") % {"n": count, "round": budget_round.title},
        target=budget_round,
    )
    return batch, [code for code, _digest in pairs]


def code_redeem(*, budget_round: BudgetRound, entered: str, ip: str, session_key: str) -> str:
    """Check an entered voting code; returns its hash for the session. Guessing is made slow.

    `ip` is the client (`core.client.client_key`): its wrong codes make its own next attempt
    wait (CODE_BACKOFF), nobody else's. Each attempt is counted before it is judged, so a
    burst of guesses sent at once gets no more judged than guesses sent one by one.

    A code that has voted already is accepted again while voting is open: the voter
    sees the ballot as it stands and may change it (`ballot_submit` updates the one row).
    """
    require_phase(budget_round, Action.VOTE)
    refused = _("U heeft te vaak een verkeerde stemcode ingevuld. Probeer het over een uur opnieuw.")
    rate_limit(key=f"budget-code:session:{session_key}", limit=CODE_FAILURES_PER_SESSION, message=refused)
    attempt = CODE_BACKOFF.attempt(
        subject=ip or "unknown",
        message=_("U heeft te vaak een verkeerde stemcode ingevuld. Probeer het over %(wait)s opnieuw."),
    )
    try:
        digest = codes_module.hash_code(codes_module.normalise_code(entered), code_key())
    except codes_module.InvalidCodeError as error:
        raise ValidationError({"code": str(error)}, code="invalid") from error
    code = VotingCode.objects.filter(budget_round=budget_round, code_hash=digest).first()
    if code is None:
        raise ValidationError(
            {"code": _("Deze stemcode kennen we niet. Controleer de code in uw brief.")},
            code="unknown",
        )
    # Right: neither the client's nor the session's failure (earlier failures stay counted).
    attempt.succeeded()
    hit(key=f"budget-code:session:{session_key}", period=3600, delta=-1)
    rate_limit(
        key=f"budget-code:code:{digest}",
        limit=CODE_ENTRIES_PER_CODE,
        period=86400,
        message=_("Deze stemcode is vandaag te vaak ingevuld. Neem contact op met de gemeente."),
    )
    # A code proves possession of the letter, nothing more and nothing less: whoever holds
    # it may open the ballot again (another phone, another browser) and change it until the
    # close. The ballot is one row per code, so a second entry changes, never adds, a vote.
    return digest


def ballot_rules(budget_round: BudgetRound, plans) -> BallotRules:
    costs = {str(p.pk): p.final_cost for p in plans}
    budget = budget_round.budget if budget_round.ballot_type == BallotType.BUDGET else None
    return BallotRules(
        costs=costs,
        budget=budget,
        min_plans=budget_round.min_plans,
        max_plans=budget_round.max_plans,
    )


@transaction.atomic
def ballot_submit(
    *,
    budget_round: BudgetRound,
    plan_ids,
    user=None,
    code_hash: str | None = None,
    empty_confirmed: bool = False,
) -> Ballot:
    """Cast or change the one ballot of a voter (an eligible account or a voting code).

    One ballot per voter is held by a unique constraint: a change updates that row
    (the count needs only the last choice, so no history is kept), and a concurrent
    second submission of the same voter waits for the first and then changes it.
    An empty ballot counts only when the voter confirmed it (`empty_confirmed`):
    an empty form is more often a slip than a choice.
    """
    require_phase(budget_round, Action.VOTE)
    if code_hash:
        code = VotingCode.objects.select_for_update().filter(budget_round=budget_round, code_hash=code_hash).first()
        if code is None or budget_round.voter_mode != "codes":
            raise ValidationError({"code": _("Deze stemcode kennen we niet. Controleer de code in uw brief.")})
        voter_key = code_ballot_key(budget_round_id=budget_round.pk, code_hash=code_hash)
    elif user is not None and user.is_authenticated:
        code = None
        if budget_round.voter_mode != "verified" or not voter_eligible(user=user, budget_round=budget_round):
            raise ValidationError(
                _("U bent voor deze ronde niet als kiesgerechtigde geregistreerd."),
                code="not_eligible",
            )
        voter_key = voter_ballot_key(budget_round_id=budget_round.pk, user_id=user.pk)
    else:
        raise ValidationError(_("Vul eerst uw stemcode in."), code="no_voter")
    plans = list(Plan.objects.on_ballot().filter(budget_round=budget_round))
    try:
        chosen = validate_ballot(ballot_rules(budget_round, plans), [str(p) for p in plan_ids])
    except BallotError as error:
        raise ValidationError({"plans": error.messages}, code="invalid_ballot") from error
    if not chosen and not empty_confirmed:
        raise ValidationError(
            _("U heeft geen plannen gekozen. Wilt u echt een lege stem uitbrengen?"), code=EMPTY_BALLOT
        )
    # The day only, never the time: a time could be matched with the voter's log-in (secrecy.py).
    today = timezone.localdate()
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(budget_round=budget_round, voter_key=voter_key, changed_on=today)
    except IntegrityError:
        ballot = Ballot.objects.select_for_update().get(budget_round=budget_round, voter_key=voter_key)
        ballot.changed_on = today
        ballot.save(update_fields=["changed_on"])
    ballot.plans.set([int(pid) for pid in chosen])
    if code is not None and code.used_at is None:
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
    return ballot
