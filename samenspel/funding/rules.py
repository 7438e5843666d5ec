"""Who may do what with a funding agreement, and in which phase.

Coaches and administrators prepare and grant an agreement and review the team's reports.
Paying out is the budget holder's decision: releasing, holding or adjusting a tranche and
settling the agreement are for the municipality's administrators only, so the person who
reviews the evidence is not alone in paying on it (vier-ogenprincipe). The team is the
accepted team of the agreement's initiative (for a budget plan: the initiative behind the
plan, or else the resident who submitted it; for a buurtrecht: the request's submitter and group).
"""

import rules

from samenspel.core.phases import PhaseTable
from samenspel.initiatives.rules import is_team_member
from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of
from samenspel.rights.rules import is_group, is_submitter

from .models import State

TABLE = PhaseTable(
    "funding_agreement",
    {
        State.DRAFT: {"change", "grant"},
        State.GRANTED: {"report", "review", "release", "hold", "adjust", "final_report"},
        State.FINAL_REPORT: {"settle"},
        State.SETTLED: set(),
    },
    phase_of=lambda agreement: agreement.state,
)

is_funding_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_funding_staff")
is_budget_holder = role_of(Role.ADMIN, via="municipality", name="is_funding_budget_holder")


@rules.predicate
def is_agreement_team(user, agreement) -> bool:
    if agreement is None or not user.is_authenticated:
        return False
    if agreement.right_request_id:
        # The request's submitter and its group (co-submitters, the organisation's members).
        return bool((is_submitter | is_group).test(user, agreement.right_request))
    initiative = agreement.team_initiative
    if initiative is not None:
        return is_team_member(user, initiative)
    return agreement.plan_id is not None and agreement.plan.author_id == user.pk


@rules.predicate
def is_public(user, agreement) -> bool:
    if agreement is None or agreement.state == State.DRAFT:
        return False
    return not (agreement.initiative_id and agreement.initiative.is_hidden)


rules.add_perm("funding.view_agreement", is_public | is_funding_staff | is_agreement_team)
rules.add_perm("funding.view_evidence", is_funding_staff | is_agreement_team)
rules.add_perm("funding.change_agreement", is_funding_staff & TABLE.predicate("change"))
rules.add_perm("funding.grant", is_funding_staff & TABLE.predicate("grant"))
rules.add_perm("funding.report_result", is_agreement_team & TABLE.predicate("report"))
rules.add_perm("funding.review_report", is_funding_staff & TABLE.predicate("review"))
rules.add_perm("funding.release_tranche", is_budget_holder & TABLE.predicate("release"))
rules.add_perm("funding.hold_tranche", is_budget_holder & TABLE.predicate("hold"))
rules.add_perm("funding.adjust_tranche", is_budget_holder & TABLE.predicate("adjust"))
rules.add_perm("funding.submit_final_report", is_agreement_team & TABLE.predicate("final_report"))
rules.add_perm("funding.settle", is_budget_holder & TABLE.predicate("settle"))
# On the municipality: starting an agreement, and the finance system's CSV.
is_desk = role_of(Role.COACH, Role.ADMIN, via=lambda municipality: municipality, name="is_funding_desk")
rules.add_perm("funding.add_agreement", is_desk)
rules.add_perm("funding.export_tranches", is_desk)
