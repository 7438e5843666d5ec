"""Writes of the coaching desk. Every step is audited; every status step is a public decision."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.initiatives.models import Initiative, Status
from samenspel.municipalities.rules import is_coach
from samenspel.notifications.services import notification_send, notification_send_to_followers

from . import selectors
from .models import Agreement, CoachNote, Decision, ExperimentSpace, Outcome, Rule, RuleObstacle

# The status pipeline in one place: from -> the statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SUBMITTED: (Status.IN_CONVERSATION, Status.STOPPED),
    Status.IN_CONVERSATION: (Status.COACHED, Status.STOPPED),
    Status.COACHED: (Status.REALISED, Status.STOPPED, Status.SCALED_UP),
    Status.REALISED: (Status.SCALED_UP,),
    # A stopped initiative may be picked up again: residents come back.
    Status.STOPPED: (Status.IN_CONVERSATION,),
    Status.SCALED_UP: (),
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def _clean_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _mark_first_response(initiative: Initiative) -> bool:
    if initiative.first_response_at is None:
        initiative.first_response_at = timezone.now()
        return True
    return False


def decision_create(
    *,
    initiative: Initiative,
    kind: str,
    title: str,
    reasoning: str,
    decided_by,
    from_status: str = "",
    to_status: str = "",
    is_public: bool = True,
) -> Decision:
    decision = Decision(
        initiative=initiative,
        kind=kind,
        title=title[:200],
        reasoning=reasoning,
        decided_by=decided_by,
        from_status=from_status,
        to_status=to_status,
        is_public=is_public,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def initiative_assign_coach(*, initiative: Initiative, coach, assigned_by, reason: str = "") -> Decision:
    """Give the initiative a coach of its own municipality; the first contact starts the clock's end."""
    if coach is None or not is_coach(coach, initiative.municipality):
        raise ValidationError({"coach": _("Kies een coach van deze gemeente.")})
    if initiative.coach_id == coach.pk:
        raise ValidationError({"coach": _("Deze coach begeleidt dit initiatief al.")})
    previous = initiative.coach
    initiative.coach = coach
    first = _mark_first_response(initiative)
    initiative.full_clean()
    initiative.save(update_fields=["coach", "first_response_at", "updated"])
    reasoning = (reason or "").strip() or _("%(name)s is het vaste aanspreekpunt bij de gemeente.") % {
        "name": coach.display_name
    }
    decision = decision_create(
        initiative=initiative,
        kind=Decision.Kind.ASSIGNMENT,
        title=_("Coach toegewezen: %(name)s") % {"name": coach.display_name},
        reasoning=reasoning,
        decided_by=assigned_by,
    )
    audit_record(
        municipality=initiative.municipality,
        actor=assigned_by,
        action="coaching.assign",
        summary=_("%(coach)s is coach van “%(initiative)s”") % {"coach": coach.display_name, "initiative": initiative},
        target=initiative,
        reason=reasoning,
        data={"coach": coach.pk, "previous_coach": previous.pk if previous else None, "first_response": first},
    )
    notification_send(
        users=[coach],
        title=_("U bent coach van “%(initiative)s”") % {"initiative": initiative},
        url=reverse(
            "coaching:initiative", kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug}
        ),
        municipality=initiative.municipality,
        exclude=assigned_by,
    )
    notification_send_to_followers(initiative=initiative, title=decision.title, body=reasoning, actor=assigned_by)
    return decision


@transaction.atomic
def initiative_transition(
    *, initiative: Initiative, to_status: str, reason: str, decided_by, title: str = ""
) -> Decision:
    """Move the initiative along the pipeline; refuses steps the table does not allow."""
    reason = _clean_text(reason, "reason", _("Geef een reden voor deze stap; die wordt openbaar."))
    from_status = initiative.status
    if to_status not in allowed_transitions(from_status):
        raise ValidationError(
            {
                "to_status": _("Van “%(from)s” kan een initiatief niet naar “%(to)s”.")
                % {
                    "from": Status(from_status).label,
                    "to": Status(to_status).label if to_status in Status else to_status,
                }
            }
        )
    initiative.status = to_status
    first = _mark_first_response(initiative)
    initiative.full_clean()
    initiative.save(update_fields=["status", "first_response_at", "updated"])
    decision = decision_create(
        initiative=initiative,
        kind=Decision.Kind.STATUS,
        title=(title or "").strip() or _("Status: %(status)s") % {"status": Status(to_status).label},
        reasoning=reason,
        decided_by=decided_by,
        from_status=from_status,
        to_status=to_status,
    )
    audit_record(
        municipality=initiative.municipality,
        actor=decided_by,
        action="coaching.status",
        summary=_("“%(initiative)s”: %(from)s → %(to)s")
        % {"initiative": initiative, "from": Status(from_status).label, "to": Status(to_status).label},
        target=initiative,
        reason=reason,
        data={"from": from_status, "to": to_status, "first_response": first, "decision": decision.pk},
    )
    notification_send_to_followers(initiative=initiative, title=decision.title, body=reason, actor=decided_by)
    return decision


@transaction.atomic
def coach_note_add(*, initiative: Initiative, author, text: str) -> CoachNote:
    note = CoachNote(
        initiative=initiative, author=author, text=_clean_text(text, "text", _("Schrijf eerst een notitie."))
    )
    note.full_clean()
    note.save()
    # The audit trail says that a note was written, never what it says: the note stays private.
    audit_record(
        municipality=initiative.municipality,
        actor=author,
        action="coaching.note",
        summary=_("Notitie toegevoegd bij “%(initiative)s”") % {"initiative": initiative},
        target=initiative,
    )
    return note


@transaction.atomic
def agreement_create(
    *,
    initiative: Initiative,
    party: str,
    description: str,
    due_date: date,
    created_by,
    is_public: bool = True,
) -> Agreement:
    agreement = Agreement(
        initiative=initiative,
        party=party,
        description=(description or "").strip(),
        due_date=due_date,
        is_public=is_public,
        created_by=created_by,
    )
    agreement.full_clean()
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("Een nieuwe afspraak kan niet in het verleden aflopen.")})
    agreement.save()
    audit_record(
        municipality=initiative.municipality,
        actor=created_by,
        action="coaching.agreement",
        summary=_("Afspraak bij “%(initiative)s”: %(what)s (uiterlijk %(due)s)")
        % {"initiative": initiative, "what": agreement.description, "due": due_date.isoformat()},
        target=initiative,
        data={"agreement": agreement.pk, "party": party, "public": is_public},
    )
    notification_send(
        users=selectors.team_users(initiative=initiative),
        title=_("Nieuwe afspraak: %(what)s") % {"what": agreement.description},
        url=reverse("coaching:team", kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug}),
        municipality=initiative.municipality,
        exclude=created_by,
    )
    return agreement


@transaction.atomic
def agreement_set_status(*, agreement: Agreement, status: str, changed_by) -> Agreement:
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Kies open, gedaan of niet gehaald.")})
    if status == agreement.status:
        raise ValidationError({"status": _("De afspraak heeft deze stand al.")})
    previous = agreement.status
    agreement.status = status
    agreement.full_clean()
    agreement.save(update_fields=["status"])
    audit_record(
        municipality=agreement.initiative.municipality,
        actor=changed_by,
        action="coaching.agreement_status",
        summary=_("Afspraak “%(what)s”: %(status)s") % {"what": agreement, "status": agreement.get_status_display()},
        target=agreement.initiative,
        data={"agreement": agreement.pk, "from": previous, "to": status},
    )
    return agreement


@transaction.atomic
def agreement_reminders_send(*, today: date, days_before: int = 2) -> int:
    """Remind the responsible side of open agreements due within `days_before` days; once each."""
    due = (
        Agreement.objects.open()
        .filter(reminder_sent_at__isnull=True, due_date__gte=today, due_date__lte=today + timedelta(days=days_before))
        .select_related("initiative__municipality", "initiative__coach", "initiative__initiator")
        .select_for_update(of=("self",))
    )
    sent = 0
    for agreement in due:
        initiative = agreement.initiative
        notification_send(
            users=selectors.responsible_users(agreement=agreement),
            title=_("Herinnering: “%(what)s” uiterlijk %(due)s")
            % {"what": agreement.description, "due": agreement.due_date.strftime("%d-%m-%Y")},
            url=reverse(
                "coaching:team", kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug}
            ),
            body=_("Afspraak bij “%(initiative)s”.") % {"initiative": initiative},
            municipality=initiative.municipality,
        )
        agreement.reminder_sent_at = timezone.now()
        agreement.save(update_fields=["reminder_sent_at"])
        sent += 1
    return sent


@transaction.atomic
def rule_get_or_create(*, municipality, title: str, reference: str, url: str = "", created_by=None) -> Rule:
    """The same rule is one row, found by its reference whatever spacing or case it is typed in."""
    reference = " ".join((reference or "").split())
    existing = Rule.objects.filter(municipality=municipality, reference__iexact=reference).first()
    if existing is not None:
        return existing
    rule = Rule(municipality=municipality, title=(title or "").strip(), reference=reference, url=url or "")
    rule.full_clean()
    rule.save()
    audit_record(
        municipality=municipality,
        actor=created_by,
        action="coaching.rule",
        summary=_("Regel vastgelegd: %(rule)s") % {"rule": rule},
        target=rule,
    )
    return rule


@transaction.atomic
def rule_obstacle_record(
    *,
    initiative: Initiative,
    recorded_by,
    blocks: str,
    proposal: str = "",
    rule: Rule | None = None,
    rule_title: str = "",
    rule_reference: str = "",
    rule_url: str = "",
) -> RuleObstacle:
    if rule is None:
        if not (rule_title or "").strip() or not (rule_reference or "").strip():
            raise ValidationError(_("Kies een bekende regel, of geef de naam en de vindplaats van een nieuwe regel."))
        rule = rule_get_or_create(
            municipality=initiative.municipality,
            title=rule_title,
            reference=rule_reference,
            url=rule_url,
            created_by=recorded_by,
        )
    elif rule.municipality_id != initiative.municipality_id:
        raise ValidationError({"rule": _("Deze regel hoort bij een andere gemeente.")})
    if RuleObstacle.objects.filter(rule=rule, initiative=initiative).exists():
        raise ValidationError({"rule": _("Deze regel staat al als knelpunt bij dit initiatief.")})
    obstacle = RuleObstacle(
        rule=rule,
        initiative=initiative,
        blocks=(blocks or "").strip(),
        proposal=(proposal or "").strip(),
        recorded_by=recorded_by,
    )
    obstacle.full_clean()
    obstacle.save()
    audit_record(
        municipality=initiative.municipality,
        actor=recorded_by,
        action="coaching.obstacle",
        summary=_("Regelknelpunt bij “%(initiative)s”: %(rule)s") % {"initiative": initiative, "rule": rule},
        target=initiative,
        data={"obstacle": obstacle.pk, "rule": rule.pk},
    )
    return obstacle


@transaction.atomic
def rule_obstacle_decide(
    *,
    obstacle: RuleObstacle,
    outcome: str,
    reasoning: str,
    decided_by,
    change_reference: str = "",
    experiment: dict | None = None,
) -> Decision:
    """Close an obstacle with exactly one outcome and publish the decision."""
    obstacle = RuleObstacle.objects.select_for_update().select_related("rule", "initiative").get(pk=obstacle.pk)
    if obstacle.is_decided:
        raise ValidationError(_("Over dit knelpunt is al besloten."))
    if outcome not in (Outcome.EXPERIMENT, Outcome.CHANGED, Outcome.REJECTED):
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    reasoning = _clean_text(reasoning, "outcome_reasoning", _("Onderbouw de uitkomst; die wordt openbaar."))
    obstacle.outcome = outcome
    obstacle.outcome_reasoning = reasoning
    obstacle.change_reference = (change_reference or "").strip() if outcome == Outcome.CHANGED else ""
    obstacle.decided_by = decided_by
    obstacle.decided_at = timezone.now()
    obstacle.full_clean()
    space = None
    if outcome == Outcome.EXPERIMENT:
        space = ExperimentSpace(obstacle=obstacle, **(experiment or {}))
        space.full_clean(exclude=["obstacle"])
    obstacle.save()
    if space is not None:
        space.save()
    rule = obstacle.rule
    titles = {
        Outcome.EXPERIMENT: _("Experimenteerruimte: %(rule)s"),
        Outcome.CHANGED: _("Regel aangepast: %(rule)s"),
        Outcome.REJECTED: _("Geen uitzondering op: %(rule)s"),
    }
    decision = decision_create(
        initiative=obstacle.initiative,
        kind=Decision.Kind.OBSTACLE,
        title=titles[outcome] % {"rule": rule.title},
        reasoning=reasoning,
        decided_by=decided_by,
    )
    audit_record(
        municipality=obstacle.initiative.municipality,
        actor=decided_by,
        action="coaching.obstacle_outcome",
        summary=_("Regelknelpunt %(rule)s bij “%(initiative)s”: %(outcome)s")
        % {"rule": rule.reference, "initiative": obstacle.initiative, "outcome": Outcome(outcome).label},
        target=obstacle.initiative,
        reason=reasoning,
        data={
            "obstacle": obstacle.pk,
            "outcome": outcome,
            "decision": decision.pk,
            "experiment": {
                "start": space.start_date.isoformat(),
                "end": space.end_date.isoformat(),
                "evaluation": space.evaluation_date.isoformat(),
            }
            if space
            else None,
        },
    )
    notification_send_to_followers(
        initiative=obstacle.initiative, title=decision.title, body=reasoning, actor=decided_by
    )
    return decision


@transaction.atomic
def rule_change_for_good(
    *,
    rule: Rule,
    summary: str,
    reference: str,
    changed_by,
    source_title: str = "",
    source_url: str = "",
) -> Rule:
    """The municipality changed the rule for good; the register shows what changed and why.

    Called by the app that led to the change (an evaluated experiment), which passes its own
    title and page address: this app keeps no link to that app's models.
    """
    rule = Rule.objects.select_for_update().get(pk=rule.pk)
    summary = _clean_text(summary, "change_summary", _("Beschrijf wat er blijvend aan de regel verandert."))
    reference = _clean_text(
        reference, "change_reference", _("Geef aan waar de wijziging van de regel te vinden is (raadsbesluit, APV).")
    )
    rule.changed_at = timezone.now()
    rule.change_summary = summary
    rule.change_reference = reference[:300]
    rule.change_source_title = (source_title or "")[:200]
    rule.change_source_url = (source_url or "")[:300]
    rule.full_clean()
    rule.save(
        update_fields=["changed_at", "change_summary", "change_reference", "change_source_title", "change_source_url"]
    )
    audit_record(
        municipality=rule.municipality,
        actor=changed_by,
        action="coaching.rule_changed",
        summary=_("Regel blijvend aangepast: %(rule)s") % {"rule": rule},
        target=rule,
        reason=summary,
        data={"reference": reference, "source": source_title},
    )
    return rule


@transaction.atomic
def experiment_space_mark_evaluated(*, space: ExperimentSpace) -> ExperimentSpace:
    """The experiment in this space has been evaluated: its evaluation is no longer due."""
    if space.evaluated_at is None:
        space.evaluated_at = timezone.now()
        space.save(update_fields=["evaluated_at"])
    return space
