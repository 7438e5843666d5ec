"""Plans: submitting one (or an initiative as one), supporting it, and the public feasibility verdict."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.initiatives.images import image_clean
from samenspel.initiatives.rules import is_team_member
from samenspel.municipalities.selectors import neighbourhood_for_point
from samenspel.notifications.services import notification_send

from ..ballots import format_euro
from ..models import (
    BudgetRound,
    Plan,
    PlanStatus,
    PlanSupport,
)
from ..phases import Action, require_phase


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
    require_phase(budget_round, Action.SUBMIT_PLAN)
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
    require_phase(plan.budget_round, Action.SUPPORT_PLAN)
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
    require_phase(budget_round, Action.RECORD_FEASIBILITY)
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
