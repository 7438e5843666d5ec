"""Writes of the buurtrechten. Every step checks the phase table; decisions are audited and public.

Nothing is half-saved: each service is one transaction, and a refusal is a `ValidationError`
with a Dutch message. Contact data of the submitters is never put in a notification, an audit
summary or anything else that leaves the municipality's desk.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.accounts.selectors import identity_verified
from samenspel.audit.services import audit_record
from samenspel.municipalities.rules import is_coach
from samenspel.notifications.services import notification_send

from . import defaults, selectors
from .models import (
    CriterionScore,
    EndOption,
    Extension,
    Hearing,
    Ordinance,
    Outcome,
    Review,
    Right,
    RightAgreement,
    RightRequest,
    RightTerms,
    State,
    SubmitterKind,
    Support,
    Suspension,
    Verdict,
)
from .phases import Action, require_phase

# A required part must say something: a word or two is not a description.
MIN_PART_LENGTH = 20


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _desk_url(request: RightRequest) -> str:
    return reverse("rights:desk", kwargs={"municipality": request.municipality.slug, "pk": request.pk})


def _tell_applicants(request: RightRequest, title: str, *, actor=None, body: str = "") -> None:
    notification_send(
        users=selectors.applicants_of(request=request),
        title=title,
        url=request.get_absolute_url(),
        body=body,
        municipality=request.municipality,
        exclude=actor,
        subject=request,
    )


def _tell_staff(request: RightRequest, title: str, *, actor=None) -> None:
    notification_send(
        users=selectors.responsible_users(request=request),
        title=title,
        url=_desk_url(request),
        municipality=request.municipality,
        exclude=actor,
        subject=request,
    )


def _locked(request: RightRequest) -> RightRequest:
    """The request re-read under a row lock, so two clicks cannot both take the same step."""
    return (
        RightRequest.objects.select_for_update(of=("self",))
        .select_related("terms__ordinance", "municipality")
        .get(pk=request.pk)
    )


# --------------------------------------------------------------------------- the ordinance


def _digid_configured() -> bool:
    from samenspel.accounts.oidc import is_configured  # the OIDC client loads only when asked

    return is_configured("digid")


def _terms_rows(rights: dict[str, dict] | None) -> dict[str, dict]:
    rights = rights if rights is not None else {code: {} for code in defaults.RIGHTS}
    rows = {}
    for code, given in rights.items():
        if code not in Right.values:
            raise ValidationError(_("Onbekend buurtrecht: %(code)s.") % {"code": code})
        rows[code] = {**defaults.RIGHTS[code], "excluded_tasks": list(defaults.EXCLUDED_TASKS), **given}
    if not rows:
        raise ValidationError(_("Een verordening kent ten minste één buurtrecht."))
    return rows


@transaction.atomic
def ordinance_adopt(
    *,
    municipality,
    reference: str,
    adopted_on: date,
    in_force_from: date,
    adopted_by,
    url: str = "",
    rights: dict[str, dict] | None = None,
    allow_past: bool = False,
) -> Ordinance:
    """Record a (new version of the) participatieverordening; running requests keep their terms.

    `rights` maps a right's code to what differs from the defaults (`defaults.RIGHTS`); None
    grants the three rights with the defaults. `allow_past` is for recording an ordinance that
    was already in force before the platform (the demo, a first import), never for a change.
    """
    today = timezone.localdate()
    previous = Ordinance.objects.filter(municipality=municipality)
    if not allow_past and in_force_from < today:
        raise ValidationError(
            {"in_force_from": _("Een wijziging geldt alleen voor nieuwe verzoeken en kan niet terugwerken.")}
        )
    version = (previous.aggregate(m=Max("version"))["m"] or 0) + 1
    ordinance = Ordinance(
        municipality=municipality,
        version=version,
        reference=(reference or "").strip(),
        url=url or "",
        adopted_on=adopted_on,
        in_force_from=in_force_from,
    )
    ordinance.full_clean()
    ordinance.save()
    for code, values in _terms_rows(rights).items():
        if values.get("digid_required") and not _digid_configured():
            # Otherwise nobody could ever submit a request under this right.
            raise ValidationError(
                _("%(right)s: DigiD is op dit platform niet ingesteld; vraag het eerst aan bij de beheerder.")
                % {"right": Right(code).label}
            )
        terms = RightTerms(ordinance=ordinance, right=code, **values)
        try:
            terms.full_clean(exclude=["ordinance"])
        except ValidationError as error:
            # Said per right: "uitdaagrecht: De beslistermijn is ten minste 8 weken".
            label = Right(code).label
            raise ValidationError([f"{label}: {message}" for message in error.messages]) from error
        terms.save()
    audit_record(
        municipality=municipality,
        actor=adopted_by,
        action="rights.ordinance",
        summary=_("Participatieverordening vastgelegd: %(ordinance)s, in werking vanaf %(day)s")
        % {"ordinance": ordinance, "day": in_force_from.isoformat()},
        target=ordinance,
        data={"version": version, "rights": sorted(_terms_rows(rights))},
    )
    return ordinance


# --------------------------------------------------------------------------- requests


def _excluded(terms: RightTerms, texts) -> str | None:
    """The excluded task a request asks for, if any (a word of the ordinance's list in its task)."""
    words = " ".join(texts).lower()
    return next((task for task in terms.excluded_tasks if task.lower() in words), None)


def _check_submitters(*, submitter_kind, organisation, municipality, submitted_by, group_name) -> None:
    if submitter_kind not in SubmitterKind.values:
        raise ValidationError({"submitter_kind": _("Kies of een groep bewoners of een organisatie het verzoek doet.")})
    if submitter_kind == SubmitterKind.ORGANISATION:
        if organisation is None:
            raise ValidationError({"organisation": _("Kies de organisatie die het verzoek doet.")})
        from samenspel.organisations.selectors import organisation_roles

        if organisation.municipality_id != municipality.pk or not organisation_roles(submitted_by, organisation)[0]:
            raise ValidationError(
                {"organisation": _("U kunt alleen indienen namens een organisatie waarvan u lid bent.")}
            )
    if not (group_name or "").strip():
        raise ValidationError({"group_name": _("Geef de naam van uw groep of organisatie; die is openbaar.")})


@transaction.atomic
def request_save_draft(
    *,
    municipality,
    submitted_by,
    right: str,
    title: str,
    submitter_kind: str,
    group_name: str,
    contact_email: str,
    parts: dict[str, str],
    contact_phone: str = "",
    organisation=None,
    neighbourhood=None,
    budget_asked: Decimal | None = None,
    request: RightRequest | None = None,
) -> RightRequest:
    """Save a concept request (new, or the submitter's own draft). Nothing is checked for completeness yet."""
    if request is not None:
        request = _locked(request)
        require_phase(request, Action.EDIT)
        terms = request.terms
        right = request.right
    else:
        if right not in Right.values:
            raise ValidationError({"right": _("Kies een buurtrecht.")})
        terms = selectors.terms_for(municipality=municipality, right=right)
        if terms is None:
            raise ValidationError(
                {
                    "right": _("De participatieverordening van deze gemeente kent het %(right)s niet.")
                    % {"right": Right(right).label}
                }
            )
    if neighbourhood is not None and neighbourhood.municipality_id != municipality.pk:
        raise ValidationError({"neighbourhood": _("Kies een wijk van deze gemeente.")})
    _check_submitters(
        submitter_kind=submitter_kind,
        organisation=organisation,
        municipality=municipality,
        submitted_by=submitted_by,
        group_name=group_name,
    )
    cleaned = {code: (parts.get(code) or "").strip() for code in terms.required_parts}
    excluded = _excluded(terms, [title, cleaned.get("task", "")])
    if excluded:
        raise ValidationError(
            {
                "task": _(
                    "Deze taak is uitgezonderd in de participatieverordening (%(task)s); daarvoor geldt het recht niet."
                )
                % {"task": excluded}
            }
        )
    if budget_asked is not None and budget_asked < 0:
        raise ValidationError({"budget_asked": _("Het budget kan niet negatief zijn.")})
    if request is None:
        request = RightRequest(municipality=municipality, terms=terms, right=right, submitted_by=submitted_by)
    request.title = (title or "").strip()
    request.submitter_kind = submitter_kind
    request.group_name = (group_name or "").strip()
    request.organisation = organisation if submitter_kind == SubmitterKind.ORGANISATION else None
    request.contact_email = (contact_email or "").strip()
    request.contact_phone = (contact_phone or "").strip()
    request.parts = cleaned
    request.neighbourhood = neighbourhood
    request.budget_asked = budget_asked
    request.full_clean(exclude=["co_submitters"])
    request.save()
    return request


@transaction.atomic
def request_add_co_submitter(*, request: RightRequest, user, added_by) -> None:
    """A resident who signs the request with the submitter (the group); only while it is a draft."""
    request = _locked(request)
    require_phase(request, Action.EDIT)
    from samenspel.municipalities.rules import is_resident

    if not is_resident(user, request.municipality):
        raise ValidationError(_("Alleen inwoners van deze gemeente kunnen mede-indiener zijn."))
    request.co_submitters.add(user)


@transaction.atomic
def request_submit(*, request: RightRequest, submitted_by) -> RightRequest:
    """Submit a complete draft: received today; the acknowledgement names the decision date."""
    request = _locked(request)
    require_phase(request, Action.SUBMIT)
    terms = request.terms
    missing = [
        str(label)
        for code, label in terms.part_labels
        if len((request.parts or {}).get(code, "").strip()) < MIN_PART_LENGTH
    ]
    if missing:
        raise ValidationError(
            _("Het verzoek is nog niet compleet. Vul aan (ten minste een paar zinnen per onderdeel): %(parts)s.")
            % {"parts": "; ".join(missing)}
        )
    excluded = _excluded(terms, [request.title, request.parts.get("task", "")])
    if excluded:
        raise ValidationError(
            _("Deze taak is uitgezonderd in de participatieverordening (%(task)s); daarvoor geldt het recht niet.")
            % {"task": excluded}
        )
    verified = identity_verified(user=submitted_by, scheme="digid")
    if terms.digid_required and not verified:
        raise ValidationError(
            _(
                "De participatieverordening vraagt dat u uw account met DigiD bevestigt voordat u een verzoek "
                "indient. Uw concept blijft bewaard."
            )
        )
    request.state = State.SUBMITTED
    request.received_on = timezone.localdate()
    request.submitter_verified = verified
    request.full_clean(exclude=["co_submitters"])
    request.save(update_fields=["state", "received_on", "submitter_verified", "updated"])
    clocks = selectors.clocks_of(request)
    audit_record(
        municipality=request.municipality,
        actor=submitted_by,
        action="rights.submitted",
        summary=_("Buurtrechtverzoek ontvangen (%(right)s): “%(title)s”")
        % {"right": request.get_right_display(), "title": request.title},
        target=request,
        data={"right": request.right, "terms": terms.pk, "decision_due": clocks.decision.deadline.isoformat()},
    )
    # The automatic acknowledgement of receipt (ontvangstbevestiging), with the decision date.
    _tell_applicants(
        request,
        _("Ontvangen: “%(title)s”. Besluit uiterlijk %(day)s.")
        % {"title": request.title, "day": clocks.decision.deadline.strftime("%d-%m-%Y")},
        body=_("De termijn kan stilstaan als de gemeente om aanvulling vraagt, of worden verdaagd met een reden."),
    )
    _tell_staff(request, _("Nieuw buurtrechtverzoek: “%(title)s”") % {"title": request.title}, actor=submitted_by)
    return request


@transaction.atomic
def request_assign_coach(*, request: RightRequest, coach, assigned_by) -> RightRequest:
    request = _locked(request)
    if request.state not in (State.SUBMITTED, State.PUBLIC, State.ASSESSMENT):
        raise ValidationError(_("Over dit verzoek is al besloten; wijzigen kan niet meer."))
    if coach is None or not is_coach(coach, request.municipality):
        raise ValidationError({"coach": _("Kies een coach van deze gemeente.")})
    if request.coach_id == coach.pk:
        raise ValidationError({"coach": _("Deze coach behandelt dit verzoek al.")})
    request.coach = coach
    request.save(update_fields=["coach", "updated"])
    audit_record(
        municipality=request.municipality,
        actor=assigned_by,
        action="rights.coach",
        summary=_("%(coach)s behandelt “%(title)s”") % {"coach": coach.display_name, "title": request.title},
        target=request,
        data={"coach": coach.pk},
    )
    notification_send(
        users=[coach],
        title=_("U behandelt het buurtrechtverzoek “%(title)s”") % {"title": request.title},
        url=_desk_url(request),
        municipality=request.municipality,
        exclude=assigned_by,
        subject=request,
    )
    return request


@transaction.atomic
def info_request(*, request: RightRequest, question: str, asked_by) -> Suspension:
    """Ask the submitters for more information: the terms stop until they answer (Awb 4:15)."""
    request = _locked(request)
    require_phase(request, Action.REQUEST_INFO)
    question = _text(question, "question", _("Schrijf welke informatie nog ontbreekt."))
    if request.suspensions.filter(answered_on__isnull=True).exists():
        raise ValidationError({"question": _("Er staat al een vraag open; wacht op het antwoord.")})
    suspension = Suspension(request=request, asked_on=timezone.localdate(), question=question, asked_by=asked_by)
    suspension.full_clean()
    suspension.save()
    audit_record(
        municipality=request.municipality,
        actor=asked_by,
        action="rights.info_requested",
        summary=_("Aanvulling gevraagd bij “%(title)s”; de termijn staat stil") % {"title": request.title},
        target=request,
        data={"suspension": suspension.pk},
    )
    _tell_applicants(
        request,
        _("De gemeente vraagt om aanvulling van “%(title)s”; de termijn staat stil tot uw antwoord.")
        % {"title": request.title},
        actor=asked_by,
    )
    return suspension


@transaction.atomic
def info_answer(*, request: RightRequest, answer: str, answered_by) -> Suspension:
    """The submitters answer; the terms run again from the day after (Awb 4:15)."""
    request = _locked(request)
    require_phase(request, Action.ANSWER_INFO)
    answer = _text(answer, "answer", _("Schrijf uw antwoord op de vraag van de gemeente."))
    suspension = request.suspensions.select_for_update().filter(answered_on__isnull=True).first()
    if suspension is None:
        raise ValidationError({"answer": _("Er staat geen vraag van de gemeente open.")})
    suspension.answer = answer
    suspension.answered_on = timezone.localdate()
    suspension.full_clean()
    suspension.save(update_fields=["answer", "answered_on"])
    audit_record(
        municipality=request.municipality,
        actor=answered_by,
        action="rights.info_answered",
        summary=_("Aanvulling ontvangen bij “%(title)s”; de termijn loopt weer") % {"title": request.title},
        target=request,
        data={"suspension": suspension.pk, "suspended_days": (suspension.answered_on - suspension.asked_on).days},
    )
    _tell_staff(request, _("Aanvulling ontvangen: “%(title)s”") % {"title": request.title}, actor=answered_by)
    return suspension


@transaction.atomic
def admissibility_decide(*, request: RightRequest, admissible: bool, reasons: str, decided_by) -> RightRequest:
    """Admissible: the request is published for support and comments. Not: the decision, with reasons."""
    request = _locked(request)
    require_phase(request, Action.DECIDE_ADMISSIBILITY)
    reasons = (reasons or "").strip()
    if request.suspensions.filter(answered_on__isnull=True).exists():
        raise ValidationError(_("Er staat nog een vraag om aanvulling open; wacht eerst het antwoord af."))
    today = timezone.localdate()
    if admissible:
        request.state = State.PUBLIC
        request.admissible_on = today
    else:
        reasons = _text(reasons, "reasons", _("Onderbouw waarom het verzoek niet-ontvankelijk is; dat wordt openbaar."))
        request.state = State.INADMISSIBLE
        request.decision_reasons = reasons
        request.decided_on = today
        request.decided_by = decided_by
    request.full_clean(exclude=["co_submitters"])
    request.save()
    audit_record(
        municipality=request.municipality,
        actor=decided_by,
        action="rights.admissibility",
        summary=(
            _("“%(title)s” is ontvankelijk en ter inzage") if admissible else _("“%(title)s” is niet-ontvankelijk")
        )
        % {"title": request.title},
        target=request,
        reason=reasons,
        data={"admissible": admissible},
    )
    _tell_applicants(
        request,
        (
            _("Uw verzoek “%(title)s” is ontvankelijk en staat nu open voor steun en reacties.")
            if admissible
            else _("Uw verzoek “%(title)s” is niet-ontvankelijk verklaard.")
        )
        % {"title": request.title},
        actor=decided_by,
        body=reasons,
    )
    return request


@transaction.atomic
def request_support(*, request: RightRequest, user) -> Support:
    request = _locked(request)
    require_phase(request, Action.SUPPORT)
    try:
        with transaction.atomic():
            return Support.objects.create(request=request, user=user)
    except IntegrityError as exc:
        raise ValidationError(_("U steunt dit verzoek al.")) from exc


@transaction.atomic
def assessment_start(*, request: RightRequest, started_by) -> RightRequest:
    request = _locked(request)
    require_phase(request, Action.START_ASSESSMENT)
    request.state = State.ASSESSMENT
    request.save(update_fields=["state", "updated"])
    audit_record(
        municipality=request.municipality,
        actor=started_by,
        action="rights.assessment",
        summary=_("Beoordeling van “%(title)s” begonnen") % {"title": request.title},
        target=request,
    )
    return request


@transaction.atomic
def criteria_score(*, request: RightRequest, scores: dict[str, tuple[str, str]], assessed_by) -> list[CriterionScore]:
    """The verdict on every criterion of the ordinance, each with its explanation (replaces earlier ones)."""
    request = _locked(request)
    require_phase(request, Action.SCORE)
    errors = []
    rows = []
    for code, label in request.terms.criterion_labels:
        verdict, explanation = scores.get(code, ("", ""))
        if verdict not in Verdict.values:
            errors.append(_("Kies een oordeel bij ‘%(criterion)s’.") % {"criterion": label})
            continue
        if not (explanation or "").strip():
            errors.append(_("Licht het oordeel bij ‘%(criterion)s’ toe.") % {"criterion": label})
            continue
        rows.append(
            CriterionScore(
                request=request,
                criterion=code,
                verdict=verdict,
                explanation=explanation.strip(),
                assessed_by=assessed_by,
            )
        )
    if errors:
        raise ValidationError(errors)
    CriterionScore.objects.filter(request=request).delete()
    for row in rows:
        row.full_clean(validate_constraints=False)
    CriterionScore.objects.bulk_create(rows)
    audit_record(
        municipality=request.municipality,
        actor=assessed_by,
        action="rights.scored",
        summary=_("“%(title)s” beoordeeld op %(n)d criteria") % {"title": request.title, "n": len(rows)},
        target=request,
        data={row.criterion: row.verdict for row in rows},
    )
    return rows


@transaction.atomic
def hearing_record(*, request: RightRequest, held_on: date, summary: str, recorded_by) -> Hearing:
    """The submitters were heard before a negative decision; the report is public."""
    request = _locked(request)
    require_phase(request, Action.HEAR)
    summary = _text(summary, "summary", _("Vat samen wat de indieners tijdens het horen naar voren brachten."))
    if held_on is None:
        raise ValidationError({"held_on": _("Geef de datum van de hoorzitting.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Leg een hoorzitting vast nadat ze is gehouden, niet vooraf.")})
    if held_on < request.received_on:
        raise ValidationError({"held_on": _("De hoorzitting kan niet vóór de ontvangst van het verzoek liggen.")})
    if Hearing.objects.filter(request=request).exists():
        raise ValidationError(_("De hoorzitting is al vastgelegd."))
    hearing = Hearing(request=request, held_on=held_on, summary=summary, recorded_by=recorded_by)
    hearing.full_clean()
    hearing.save()
    audit_record(
        municipality=request.municipality,
        actor=recorded_by,
        action="rights.hearing",
        summary=_("Indieners van “%(title)s” gehoord op %(day)s")
        % {"title": request.title, "day": held_on.isoformat()},
        target=request,
    )
    return hearing


@transaction.atomic
def term_extend(*, request: RightRequest, weeks: int, reason: str, decided_by) -> Extension:
    """Extend the decision term (Awb 4:14 lid 3): within what the ordinance allows, before it ends, with a reason."""
    request = _locked(request)
    require_phase(request, Action.EXTEND)
    terms = request.terms
    reason = _text(reason, "reason", _("Geef de reden van de verdaging; de indieners en de buurt lezen die."))
    if not terms.extension_allowed:
        raise ValidationError(_("De participatieverordening staat verdagen bij dit recht niet toe."))
    if not weeks or weeks < 1:
        raise ValidationError({"weeks": _("Verdaag met ten minste één week.")})
    used = sum(e.weeks for e in request.extensions.all())
    if used + weeks > terms.extension_weeks:
        raise ValidationError(
            {
                "weeks": _("De verordening staat ten hoogste %(max)d weken verdaging toe; al gebruikt: %(used)d.")
                % {"max": terms.extension_weeks, "used": used}
            }
        )
    clock = selectors.clocks_of(request).decision
    if clock.overdue:
        raise ValidationError(_("De beslistermijn is al verstreken; verdagen kan alleen vóór het einde ervan."))
    extension = Extension(request=request, weeks=weeks, reason=reason, decided_by=decided_by)
    extension.full_clean()
    extension.save()
    new_deadline = selectors.clocks_of(request).decision.deadline
    audit_record(
        municipality=request.municipality,
        actor=decided_by,
        action="rights.extended",
        summary=_("Beslistermijn van “%(title)s” verdaagd met %(weeks)d weken, tot %(day)s")
        % {"title": request.title, "weeks": weeks, "day": new_deadline.isoformat()},
        target=request,
        reason=reason,
        data={"weeks": weeks, "deadline": new_deadline.isoformat()},
    )
    _tell_applicants(
        request,
        _("Het besluit over “%(title)s” komt uiterlijk %(day)s.")
        % {"title": request.title, "day": new_deadline.strftime("%d-%m-%Y")},
        actor=decided_by,
        body=reason,
    )
    return extension


@transaction.atomic
def request_decide(*, request: RightRequest, outcome: str, reasons: str, decided_by) -> RightRequest:
    """The decision with its reasons: granted, granted in part, or refused (after a hearing)."""
    request = _locked(request)
    require_phase(request, Action.DECIDE)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies toegekend, gedeeltelijk toegekend of afgewezen.")})
    reasons = _text(reasons, "reasons", _("Een besluit zonder motivering kan niet; de motivering wordt openbaar."))
    scored = set(request.scores.values_list("criterion", flat=True))
    missing = [str(label) for code, label in request.terms.criterion_labels if code not in scored]
    if missing:
        raise ValidationError(
            _("Beoordeel eerst alle criteria van de verordening; nog open: %(criteria)s.")
            % {"criteria": "; ".join(missing)}
        )
    if outcome != Outcome.GRANTED and not Hearing.objects.filter(request=request).exists():
        raise ValidationError(
            {"outcome": _("Hoor de indieners voordat u (gedeeltelijk) afwijst, en leg de hoorzitting vast.")}
        )
    request.state = State.DECIDED
    request.outcome = outcome
    request.decision_reasons = reasons
    request.decided_on = timezone.localdate()
    request.decided_by = decided_by
    request.full_clean(exclude=["co_submitters"])
    request.save()
    clock = selectors.clocks_of(request).decision
    audit_record(
        municipality=request.municipality,
        actor=decided_by,
        action="rights.decided",
        summary=_("Besluit over “%(title)s”: %(outcome)s")
        % {"title": request.title, "outcome": Outcome(outcome).label},
        target=request,
        reason=reasons,
        data={"outcome": outcome, "within_term": clock.kept, "deadline": clock.deadline.isoformat()},
    )
    _tell_applicants(
        request,
        _("Besluit over “%(title)s”: %(outcome)s") % {"title": request.title, "outcome": Outcome(outcome).label},
        actor=decided_by,
        body=reasons,
    )
    return request


@transaction.atomic
def agreement_create(
    *,
    request: RightRequest,
    task: str,
    expected_results: str,
    budget: Decimal,
    starts_on: date,
    ends_on: date,
    reporting: str,
    created_by,
    review_every_months: int = 6,
    end_option: str = EndOption.UNDECIDED,
) -> RightAgreement:
    """A granted request becomes an agreement: task, results, budget, duration, reporting and reviews."""
    request = _locked(request)
    require_phase(request, Action.MAKE_AGREEMENT)
    if not request.is_granted:
        raise ValidationError(_("Alleen een (gedeeltelijk) toegekend verzoek wordt een overeenkomst."))
    if RightAgreement.objects.filter(request=request).exists():
        raise ValidationError(_("Voor dit verzoek is al een overeenkomst vastgelegd."))
    if starts_on is not None and starts_on < timezone.localdate():
        raise ValidationError({"starts_on": _("Een nieuwe overeenkomst kan niet in het verleden beginnen.")})
    agreement = RightAgreement(
        request=request,
        task=(task or "").strip(),
        expected_results=(expected_results or "").strip(),
        budget=budget,
        starts_on=starts_on,
        ends_on=ends_on,
        reporting=(reporting or "").strip(),
        review_every_months=review_every_months,
        end_option=end_option or EndOption.UNDECIDED,
        created_by=created_by,
    )
    agreement.full_clean()
    agreement.save()
    audit_record(
        municipality=request.municipality,
        actor=created_by,
        action="rights.agreement",
        summary=_("Overeenkomst bij “%(title)s”: %(budget)s per jaar, %(start)s tot %(end)s")
        % {"title": request.title, "budget": budget, "start": starts_on.isoformat(), "end": ends_on.isoformat()},
        target=request,
        data={"agreement": agreement.pk, "budget": str(budget)},
    )
    _tell_applicants(
        request, _("De overeenkomst over “%(title)s” is vastgelegd.") % {"title": request.title}, actor=created_by
    )
    return agreement


@transaction.atomic
def agreement_review(*, agreement: RightAgreement, held_on: date, progress: str, on_track: bool, recorded_by) -> Review:
    request = _locked(agreement.request)
    require_phase(request, Action.REVIEW)
    progress = _text(progress, "progress", _("Beschrijf de voortgang."))
    if held_on is None or held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Leg een voortgangsgesprek vast nadat het is gehouden.")})
    if held_on < agreement.starts_on:
        raise ValidationError({"held_on": _("Het gesprek kan niet vóór het begin van de overeenkomst liggen.")})
    review = Review(agreement=agreement, held_on=held_on, progress=progress, on_track=on_track, recorded_by=recorded_by)
    review.full_clean()
    review.save()
    audit_record(
        municipality=request.municipality,
        actor=recorded_by,
        action="rights.review",
        summary=_("Voortgangsgesprek over “%(title)s” (%(day)s)")
        % {"title": request.title, "day": held_on.isoformat()},
        target=request,
        data={"on_track": on_track},
    )
    return review


@transaction.atomic
def term_reminders_send(*, today: date, working_days: int = 5) -> int:
    """Remind the responsible civil servant of terms (admissibility, decision) ending within `working_days`;
    once per deadline."""
    sent = 0
    for request, clock in selectors.due_for_reminder(today=today, working_days=working_days):
        notification_send(
            users=selectors.responsible_users(request=request),
            title=_("Herinnering: besluit over “%(title)s” uiterlijk %(day)s")
            % {"title": request.title, "day": clock.deadline.strftime("%d-%m-%Y")},
            url=_desk_url(request),
            municipality=request.municipality,
            subject=request,
        )
        RightRequest.objects.filter(pk=request.pk).update(reminded_for=clock.deadline)
        sent += 1
    return sent
