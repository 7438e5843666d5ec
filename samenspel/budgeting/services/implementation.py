"""Implementation: progress reports on funded plans; the plan's status is its latest report."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.notifications.services import notification_send, notification_send_to_followers

from ..models import (
    Plan,
    PlanUpdate,
)
from ..phases import Action, require_phase
from ..selectors import published_result


@transaction.atomic
def plan_update_post(*, plan: Plan, actor, status: str, title: str, body: str) -> PlanUpdate:
    """Report progress on a funded plan; supporters, the author and the initiative's followers hear of it."""
    budget_round = plan.budget_round
    require_phase(budget_round, Action.POST_UPDATE)
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
