"""Writes for the burgerbegroting. Every status change, decision and count is audited.

The services check the phase themselves (not only the views), so a forbidden
action through any door changes nothing and answers with a Dutch message.
"""

import hashlib
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.municipalities.selectors import neighbourhood_for_point
from samenspel.notifications.services import notification_send, notification_send_to_followers

from . import codes as codes_module
from .ballots import BallotError, BallotRules, format_euro, validate_ballot
from .counting import count
from .models import (
    Ballot,
    BallotType,
    BudgetRound,
    CodeBatch,
    Plan,
    PlanStatus,
    PlanSupport,
    PlanUpdate,
    Result,
    ResultRow,
    VoterDeclaration,
    VotingCode,
)
from .pabulib import PabulibFormatError, build_pabulib, dumps_pabulib, parse_pabulib
from .phases import ORDER, PHASE_STARTS, Action, Phase, allows

# Failed code entries allowed per hour before entry is refused (guessing defence).
CODE_FAILURES_PER_SESSION = 5
CODE_FAILURES_PER_IP = 20
MAX_CODES_PER_BATCH = 20000
RESERVED_SLUGS = {"nieuw", "kiesgerechtigden", "importeren"}

CONFIG_FIELDS = (
    "title",
    "description",
    "neighbourhood",
    "budget",
    "min_plan_cost",
    "max_plan_cost",
    "min_supports",
    "ballot_type",
    "min_plans",
    "max_plans",
    "voter_mode",
    "min_age",
    "rule",
    "submission_start",
    "feasibility_start",
    "voting_start",
    "voting_end",
    "implementation_start",
)


def code_key() -> bytes:
    """The HMAC key for voting codes: BUDGET_CODE_KEY if configured, else derived from SECRET_KEY.

    Derived, not SECRET_KEY itself, so a leaked hash list says nothing about the session key.
    """
    configured = getattr(settings, "BUDGET_CODE_KEY", "")
    if configured:
        return configured.encode()
    return hashlib.sha256(b"samenspel.budgeting.codes:" + settings.SECRET_KEY.encode()).digest()


def _require_phase(budget_round: BudgetRound, action: Action) -> None:
    phase = budget_round.phase()
    if not allows(phase, action):
        messages = {
            Action.SUBMIT_PLAN: _("Plannen indienen kan alleen in de fase 'plannen indienen'."),
            Action.SUPPORT_PLAN: _("Plannen steunen kan alleen in de fase 'plannen indienen'."),
            Action.RECORD_FEASIBILITY: _("De haalbaarheid vastleggen kan alleen in de fase 'haalbaarheidstoets'."),
            Action.VOTE: _("Stemmen kan alleen zolang de stemming open is."),
            Action.COUNT: _("Tellen kan pas als de stemming gesloten is, in de fase 'uitslag'."),
            Action.PUBLISH_RESULT: _("De uitslag publiceren kan alleen in de fase 'uitslag'."),
            Action.POST_UPDATE: _("Voortgang melden kan alleen in de fase 'uitvoering'."),
        }
        raise ValidationError(messages[action], code="wrong_phase")


# --- Rounds ---------------------------------------------------------------------------


@transaction.atomic
def round_create(*, municipality, actor, slug: str = "", **fields) -> BudgetRound:
    unknown = set(fields) - set(CONFIG_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    budget_round = BudgetRound(municipality=municipality, slug=slug or slugify(fields.get("title", ""))[:80], **fields)
    if budget_round.slug in RESERVED_SLUGS:
        # These are pages of the app itself (/burgerbegroting/nieuw/ ...), not rounds.
        budget_round.slug = f"{budget_round.slug}-ronde"
    budget_round.full_clean()
    if BudgetRound.objects.filter(municipality=municipality, slug=budget_round.slug).exists():
        raise ValidationError({"title": _("Er is al een ronde met deze korte naam; kies een andere titel.")})
    budget_round.save()
    audit_record(
        municipality=municipality,
        actor=actor,
        action="budgeting.round_created",
        summary=_("Begrotingsronde '%(title)s' aangemaakt (budget %(budget)s).")
        % {"title": budget_round.title, "budget": format_euro(budget_round.budget)},
        target=budget_round,
    )
    return budget_round


@transaction.atomic
def round_update(*, budget_round: BudgetRound, actor, **fields) -> BudgetRound:
    """Change the configuration; refused once voting has opened (the round is then frozen)."""
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    if budget_round.is_frozen():
        raise ValidationError(
            _("De stemming is geopend; de instellingen van deze ronde liggen vast en kunnen niet meer veranderen."),
            code="frozen",
        )
    unknown = set(fields) - set(CONFIG_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    changes = {}
    for name, value in fields.items():
        old = getattr(budget_round, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(budget_round, name, value)
    budget_round.full_clean()
    budget_round.save()
    if changes:
        audit_record(
            municipality=budget_round.municipality,
            actor=actor,
            action="budgeting.round_changed",
            summary=_("Instellingen van '%(title)s' gewijzigd: %(fields)s.")
            % {"title": budget_round.title, "fields": ", ".join(sorted(changes))},
            target=budget_round,
            data={"changes": changes},
        )
    return budget_round


@transaction.atomic
def round_phase_move(*, budget_round: BudgetRound, actor, phase: Phase) -> BudgetRound:
    """Start a later phase now (e.g. close voting early). Only forward; always audited.

    This moves the schedule, not the configuration, so it is allowed on a frozen round.
    """
    budget_round = BudgetRound.objects.select_for_update().get(pk=budget_round.pk)
    now = timezone.now()
    current = budget_round.phase(now)
    phase = Phase(phase)
    if ORDER.index(phase) <= ORDER.index(current):
        raise ValidationError(_("Een ronde kan alleen naar een latere fase."), code="backwards")
    target = [p for p, _field in PHASE_STARTS].index(phase)
    for index, (_phase, field) in enumerate(PHASE_STARTS):
        value = getattr(budget_round, field)
        if index <= target:
            setattr(budget_round, field, min(value, now))
        elif value <= now:
            setattr(budget_round, field, now + timedelta(days=7 * (index - target)))
    budget_round.full_clean()
    budget_round.save()
    budget_round.__dict__.pop("_phase", None)
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.phase_moved",
        summary=_("Ronde '%(title)s' naar de fase '%(phase)s' gezet.")
        % {"title": budget_round.title, "phase": phase.label},
        target=budget_round,
        data={"from": str(current), "to": str(phase)},
    )
    return budget_round


# --- Plans ----------------------------------------------------------------------------


def _check_cost(budget_round: BudgetRound, cost: int, field: str = "cost") -> None:
    if cost is None or cost < budget_round.min_plan_cost or cost > budget_round.max_plan_cost:
        raise ValidationError(
            {
                field: _("De kosten moeten tussen %(min)s en %(max)s liggen.")
                % {
                    "min": format_euro(budget_round.min_plan_cost),
                    "max": format_euro(budget_round.max_plan_cost),
                }
            }
        )


@transaction.atomic
def plan_submit(
    *,
    budget_round: BudgetRound,
    author,
    title: str,
    description: str,
    cost: int,
    location: str = "",
    lat: float | None = None,
    lon: float | None = None,
    image=None,
    image_alt: str = "",
    initiative=None,
) -> Plan:
    _require_phase(budget_round, Action.SUBMIT_PLAN)
    _check_cost(budget_round, cost)
    if (lat is None) != (lon is None):
        raise ValidationError({"lat": _("Kies een punt op de kaart, of laat beide coördinaten leeg.")})
    neighbourhood = None
    if lat is not None:
        neighbourhood = neighbourhood_for_point(municipality=budget_round.municipality, lat=lat, lon=lon)
        if neighbourhood is None:
            raise ValidationError({"lat": _("Deze plek ligt niet in de gemeente.")})
    if budget_round.neighbourhood_id and neighbourhood is not None:
        inside = budget_round.neighbourhood_id in (neighbourhood.pk, neighbourhood.parent_id)
        if not inside:
            raise ValidationError({"lat": _("Deze plek ligt buiten de wijk van deze ronde.")})
    if image is not None:
        from samenspel.initiatives.images import image_clean

        image = image_clean(image)
        if not image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Beschrijf wat er op de foto staat, voor wie de foto niet kan zien.")}
            )
    plan = Plan(
        budget_round=budget_round,
        title=(title or "").strip(),
        description=(description or "").strip(),
        cost=cost,
        location=location,
        lat=lat,
        lon=lon,
        neighbourhood=neighbourhood,
        image_alt=image_alt,
        author=author,
        initiative=initiative,
    )
    if image is not None:
        plan.image.save(image.name, image, save=False)
    plan.full_clean()
    plan.save()
    audit_record(
        municipality=budget_round.municipality,
        actor=author,
        action="budgeting.plan_submitted",
        summary=_("Plan '%(title)s' ingediend voor %(round)s.") % {"title": plan.title, "round": budget_round.title},
        target=plan,
    )
    return plan


@transaction.atomic
def plan_from_initiative(*, budget_round: BudgetRound, initiative, actor, cost: int, description: str = "") -> Plan:
    """The initiative's team turns its initiative into a plan in this round."""
    from samenspel.initiatives.rules import is_team_member

    if initiative.municipality_id != budget_round.municipality_id or not is_team_member(actor, initiative):
        raise ValidationError({"initiative": _("Alleen het team van een initiatief kan er een plan van maken.")})
    if Plan.objects.filter(budget_round=budget_round, initiative=initiative).exists():
        raise ValidationError({"initiative": _("Dit initiatief doet al mee in deze ronde.")})
    return plan_submit(
        budget_round=budget_round,
        author=actor,
        title=initiative.title,
        description=(description or "").strip() or f"{initiative.pitch}\n\n{initiative.story}",
        cost=cost,
        location=initiative.address,
        lat=initiative.lat,
        lon=initiative.lon,
        initiative=initiative,
    )


@transaction.atomic
def plan_support(*, plan: Plan, user) -> PlanSupport:
    _require_phase(plan.budget_round, Action.SUPPORT_PLAN)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Dit plan kan niet meer worden gesteund."))
    support, _created = PlanSupport.objects.get_or_create(plan=plan, user=user)
    return support


@transaction.atomic
def plan_feasibility_record(
    *,
    plan: Plan,
    actor,
    feasible: bool,
    reason: str,
    adjusted_cost: int | None = None,
    merge_into: Plan | None = None,
) -> Plan:
    """The municipality's public verdict: feasible (maybe at another cost), not feasible, or merged."""
    budget_round = plan.budget_round
    _require_phase(budget_round, Action.RECORD_FEASIBILITY)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een openbare toelichting; inwoners zien waarom.")})
    if merge_into is not None:
        if merge_into.pk == plan.pk or merge_into.budget_round_id != budget_round.pk:
            raise ValidationError({"merge_into": _("Kies een ander plan uit dezelfde ronde.")})
        if merge_into.status == PlanStatus.MERGED:
            raise ValidationError(
                {"merge_into": _("Dat plan is zelf al samengevoegd; kies het plan waarin het opging.")}
            )
        status = PlanStatus.MERGED
    elif feasible:
        status = PlanStatus.FEASIBLE
        if budget_round.min_supports and plan.supports.count() < budget_round.min_supports:
            raise ValidationError(
                {
                    "feasible": _(
                        "Dit plan kreeg minder dan %(n)s steunbetuigingen en gaat niet door naar de stemming."
                    )
                    % {"n": budget_round.min_supports}
                }
            )
        if adjusted_cost is not None:
            _check_cost(budget_round, adjusted_cost, field="adjusted_cost")
    else:
        status = PlanStatus.NOT_FEASIBLE
    plan.status = status
    plan.feasibility_reason = reason
    plan.adjusted_cost = adjusted_cost if status == PlanStatus.FEASIBLE else None
    plan.merged_into = merge_into
    plan.full_clean()
    plan.save()
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.feasibility",
        summary=_("Haalbaarheid van '%(title)s': %(status)s.")
        % {"title": plan.title, "status": plan.get_status_display()},
        target=plan,
        reason=reason,
        data={"adjusted_cost": adjusted_cost, "merged_into": merge_into.pk if merge_into else None},
    )
    if plan.author_id:
        notification_send(
            users=[plan.author],
            title=_("Haalbaarheidstoets van uw plan '%(title)s': %(status)s")
            % {"title": plan.title, "status": plan.get_status_display()},
            url=plan.get_absolute_url(),
            body=reason,
            municipality=budget_round.municipality,
            exclude=actor,
        )
    return plan


# --- Voters and voting codes ----------------------------------------------------------


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


def _failure_count(key: str) -> int:
    return cache.get(key, 0)


def _count_failure(key: str) -> None:
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)


def code_redeem(*, budget_round: BudgetRound, entered: str, ip: str, session_key: str) -> str:
    """Check an entered voting code; returns its hash for the session. Rate-limited on failures."""
    hour = int(timezone.now().timestamp() // 3600)
    keys = [
        (f"samenspel:budget-code:ip:{ip}:{hour}", CODE_FAILURES_PER_IP),
        (f"samenspel:budget-code:session:{session_key}:{hour}", CODE_FAILURES_PER_SESSION),
    ]
    if any(_failure_count(key) >= limit for key, limit in keys):
        raise ValidationError(
            _("U heeft te vaak een verkeerde stemcode ingevuld. Probeer het over een uur opnieuw."),
            code="rate_limited",
        )
    _require_phase(budget_round, Action.VOTE)
    try:
        digest = codes_module.hash_code(codes_module.normalise_code(entered), code_key())
    except codes_module.InvalidCodeError as error:
        for key, _limit in keys:
            _count_failure(key)
        raise ValidationError({"code": str(error)}, code="invalid") from error
    code = VotingCode.objects.filter(budget_round=budget_round, code_hash=digest).first()
    if code is None:
        for key, _limit in keys:
            _count_failure(key)
        raise ValidationError(
            {"code": _("Deze stemcode kennen we niet. Controleer de code in uw brief.")},
            code="unknown",
        )
    if code.used_at is not None:
        raise ValidationError({"code": _("Met deze stemcode is al gestemd.")}, code="used")
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
def ballot_submit(*, budget_round: BudgetRound, plan_ids, user=None, code_hash: str | None = None) -> Ballot:
    """Cast or change the one ballot of a voter (an eligible account or a voting code).

    One ballot per voter is held by a unique constraint; a concurrent second
    submission of the same voter waits for the first and then changes it.
    """
    from .rules import voter_eligible

    _require_phase(budget_round, Action.VOTE)
    if code_hash:
        code = VotingCode.objects.select_for_update().filter(budget_round=budget_round, code_hash=code_hash).first()
        if code is None or budget_round.voter_mode != "codes":
            raise ValidationError({"code": _("Deze stemcode kennen we niet. Controleer de code in uw brief.")})
        voter_key = f"c:{code_hash}"
    elif user is not None and user.is_authenticated:
        code = None
        if budget_round.voter_mode != "verified" or not voter_eligible(user=user, budget_round=budget_round):
            raise ValidationError(
                _("U bent voor deze ronde niet als kiesgerechtigde geregistreerd."),
                code="not_eligible",
            )
        voter_key = f"u:{user.pk}"
    else:
        raise ValidationError(_("Vul eerst uw stemcode in."), code="no_voter")
    plans = list(Plan.objects.on_ballot().filter(budget_round=budget_round))
    try:
        chosen = validate_ballot(ballot_rules(budget_round, plans), [str(p) for p in plan_ids])
    except BallotError as error:
        raise ValidationError({"plans": error.messages}, code="invalid_ballot") from error
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(budget_round=budget_round, voter_key=voter_key)
    except IntegrityError:
        ballot = Ballot.objects.select_for_update().get(budget_round=budget_round, voter_key=voter_key)
        ballot.save(update_fields=["updated"])
    ballot.plans.set([int(pid) for pid in chosen])
    if code is not None and code.used_at is None:
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
    return ballot


# --- Counting, results, export and import ---------------------------------------------


def round_profile(budget_round: BudgetRound) -> tuple[list[Plan], list[list[str]]]:
    """The plans on the ballot and the anonymous ballots (lists of ballot ids), in two queries."""
    plans = list(Plan.objects.on_ballot().filter(budget_round=budget_round).order_by("pk"))
    ids = {p.pk: p.ballot_id for p in plans}
    chosen: dict[int, list[str]] = defaultdict(list)
    ballot_ids = list(Ballot.objects.filter(budget_round=budget_round).values_list("pk", flat=True))
    for ballot_id, plan_id in Ballot.plans.through.objects.filter(ballot__budget_round=budget_round).values_list(
        "ballot_id", "plan_id"
    ):
        if plan_id in ids:
            chosen[ballot_id].append(ids[plan_id])
    return plans, [chosen.get(b, []) for b in ballot_ids]


def round_pabulib(budget_round: BudgetRound, *, shuffle: bool = True):
    """The round as anonymised Pabulib data: voter ids are sequence numbers, nothing personal."""
    plans, ballots = round_profile(budget_round)
    meta = {
        "description": budget_round.title,
        "country": "Netherlands",
        "unit": budget_round.municipality.name,
        "subunit": budget_round.neighbourhood.name if budget_round.neighbourhood_id else "",
        "instance": budget_round.slug,
        "budget": budget_round.budget,
        "rule": budget_round.rule,
        "date_begin": budget_round.voting_start.date().isoformat(),
        "date_end": budget_round.voting_end.date().isoformat(),
    }
    if budget_round.ballot_type == BallotType.COUNT:
        if budget_round.min_plans is not None:
            meta["min_length"] = budget_round.min_plans
        if budget_round.max_plans is not None:
            meta["max_length"] = budget_round.max_plans
    else:
        meta["max_sum_cost"] = budget_round.budget
    projects = [{"project_id": p.ballot_id, "cost": p.final_cost, "name": p.title} for p in plans]
    return build_pabulib(meta, projects, ballots, shuffle=shuffle), plans


@transaction.atomic
def round_count(*, budget_round: BudgetRound, actor) -> Result:
    """Count the closed round by its rule and store the explained result (not yet published)."""
    _require_phase(budget_round, Action.COUNT)
    data, plans = round_pabulib(budget_round)
    pb_text = dumps_pabulib(data)
    # Count exactly the file we publish, so anyone can recount it with pb_count.
    election = parse_pabulib(pb_text).to_election()
    outcome = count(election, budget_round.rule)
    by_id = {p.ballot_id: p for p in plans}
    result = Result.objects.create(
        budget_round=budget_round,
        rule=budget_round.rule,
        budget=budget_round.budget,
        spent=int(outcome.spent),
        voters=len(election.ballots),
        pb_text=pb_text,
        counted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    ResultRow.objects.bulk_create(
        [
            ResultRow(
                result=result,
                plan=by_id[row.project_id],
                votes=row.votes,
                cost=int(row.cost),
                funded=row.funded,
                reason=str(row.reason),
                explanation=row.explanation,
                position=row.position,
            )
            for row in outcome.projects
        ]
    )
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.counted",
        summary=_(
            "%(round)s geteld (%(rule)s): %(funded)s van %(plans)s plannen gefinancierd, %(spent)s van %(budget)s."
        )
        % {
            "round": budget_round.title,
            "rule": budget_round.get_rule_display(),
            "funded": len(outcome.funded),
            "plans": len(plans),
            "spent": format_euro(outcome.spent),
            "budget": format_euro(budget_round.budget),
        },
        target=budget_round,
        data={"result": result.pk, "funded": list(outcome.funded), "voters": result.voters},
    )
    return result


@transaction.atomic
def result_publish(*, result: Result, actor) -> Result:
    budget_round = result.budget_round
    _require_phase(budget_round, Action.PUBLISH_RESULT)
    if result.published_at is not None:
        raise ValidationError(_("Deze uitslag is al gepubliceerd."))
    result.published_at = timezone.now()
    result.save(update_fields=["published_at"])
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.result_published",
        summary=_("Uitslag van %(round)s gepubliceerd.") % {"round": budget_round.title},
        target=budget_round,
        data={"result": result.pk},
    )
    return result


@transaction.atomic
def plan_update_post(*, plan: Plan, actor, status: str, title: str, body: str) -> PlanUpdate:
    """Report progress on a funded plan; supporters, the author and the initiative's followers hear of it."""
    from .selectors import published_result

    budget_round = plan.budget_round
    _require_phase(budget_round, Action.POST_UPDATE)
    result = published_result(budget_round=budget_round)
    if result is None or not result.rows.filter(plan=plan, funded=True).exists():
        raise ValidationError(_("Voortgang melden kan alleen bij een plan dat gefinancierd is."))
    update = PlanUpdate(
        plan=plan,
        author=actor,
        status=status,
        title=(title or "").strip(),
        body=(body or "").strip(),
    )
    update.full_clean()
    update.save()
    plan.implementation_status = status
    plan.save(update_fields=["implementation_status"])
    audit_record(
        municipality=budget_round.municipality,
        actor=actor,
        action="budgeting.plan_update",
        summary=_("Voortgang van '%(plan)s': %(status)s.")
        % {"plan": plan.title, "status": update.get_status_display()},
        target=plan,
    )
    users = get_user_model().objects.filter(is_active=True, pk__in=plan.supports.values("user"))
    recipients = list(users)
    if plan.author_id:
        recipients.append(plan.author)
    notice = _("Nieuws over '%(plan)s': %(title)s") % {"plan": plan.title, "title": update.title}
    notification_send(
        users=recipients,
        title=notice,
        url=plan.get_absolute_url(),
        body=update.body[:500],
        municipality=budget_round.municipality,
        exclude=actor,
    )
    if plan.initiative_id:
        notification_send_to_followers(
            initiative=plan.initiative,
            title=notice,
            url=plan.get_absolute_url(),
            body=update.body[:500],
            actor=actor,
        )
    return update


@transaction.atomic
def round_import_pabulib(*, municipality, actor, text: str, title: str, rule: str) -> BudgetRound:
    """Replay a past election: a closed round with the file's plans and ballots, ready to count."""
    try:
        data = parse_pabulib(text)
        election = data.to_election()
    except PabulibFormatError as error:
        raise ValidationError({"file": str(error)}, code="malformed") from error
    if not data.projects:
        raise ValidationError({"file": _("Het bestand bevat geen plannen.")})
    costs = [int(p.cost) for p in election.projects]
    if any(p.cost != int(p.cost) for p in election.projects) or election.budget != int(election.budget):
        raise ValidationError({"file": _("Bedragen met centen worden niet ondersteund; rond ze af op hele euro's.")})
    now = timezone.now()
    budget_round = round_create(
        municipality=municipality,
        actor=actor,
        title=title,
        description=data.meta.get("description", ""),
        budget=int(election.budget),
        min_plan_cost=0,
        max_plan_cost=max(int(election.budget), max(costs, default=1), 1),
        rule=rule,
        voter_mode="codes",
        ballot_type=BallotType.BUDGET if "max_length" not in data.meta else BallotType.COUNT,
        max_plans=int(data.meta["max_length"]) if "max_length" in data.meta else None,
        submission_start=now - timedelta(days=4),
        feasibility_start=now - timedelta(days=3),
        voting_start=now - timedelta(days=2),
        voting_end=now - timedelta(seconds=1),
        implementation_start=now + timedelta(days=30),
    )
    BudgetRound.objects.filter(pk=budget_round.pk).update(is_imported=True)
    budget_round.is_imported = True
    plans = Plan.objects.bulk_create(
        [
            Plan(
                budget_round=budget_round,
                title=(p.name or f"Project {p.id}")[:120],
                description=p.name or f"Project {p.id}",
                cost=int(p.cost),
                status=PlanStatus.FEASIBLE,
                feasibility_reason=_("Overgenomen uit het geïmporteerde .pb-bestand."),
                external_id=p.id,
                author=None,
            )
            for p in election.projects
        ]
    )
    by_external = {p.external_id: p.pk for p in plans}
    ballots = Ballot.objects.bulk_create(
        [Ballot(budget_round=budget_round, voter_key=f"pb:{n}") for n in range(1, len(election.ballots) + 1)]
    )
    if ballots[0].pk is None if ballots else False:  # backends without RETURNING
        ballots = list(Ballot.objects.filter(budget_round=budget_round).order_by("pk"))
    through = Ballot.plans.through
    through.objects.bulk_create(
        [
            through(ballot_id=ballot.pk, plan_id=by_external[pid])
            for ballot, chosen in zip(ballots, election.ballots, strict=True)
            for pid in chosen
        ],
        batch_size=5000,
    )
    audit_record(
        municipality=municipality,
        actor=actor,
        action="budgeting.imported",
        summary=_("Verkiezing geïmporteerd als '%(title)s': %(plans)s plannen, %(ballots)s stembiljetten.")
        % {"title": title, "plans": len(plans), "ballots": len(ballots)},
        target=budget_round,
    )
    return budget_round


__all__ = [
    "ballot_submit",
    "code_batch_create",
    "code_key",
    "code_redeem",
    "plan_feasibility_record",
    "plan_from_initiative",
    "plan_submit",
    "plan_support",
    "plan_update_post",
    "result_publish",
    "round_count",
    "round_create",
    "round_import_pabulib",
    "round_pabulib",
    "round_phase_move",
    "round_update",
    "voter_declaration_set",
]
