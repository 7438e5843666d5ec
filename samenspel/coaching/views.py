"""Thin views of the coaching desk (staff only), the team's agreements and the public rule register."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from samenspel.initiatives.models import Initiative

from . import selectors, services
from .forms import (
    AgreementForm,
    AgreementStatusForm,
    AssignCoachForm,
    CoachNoteForm,
    ObstacleForm,
    ObstacleOutcomeForm,
    TransitionForm,
)
from .models import Agreement, Rule, RuleObstacle


def _municipality(request, *args, **kwargs):
    return request.municipality


def _initiative(request, slug, **kwargs) -> Initiative:
    # Scoped by the municipality of the URL: another municipality's initiative is a 404.
    return selectors.desk_initiative(municipality=request.municipality, slug=slug)


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _desk_url(initiative: Initiative) -> str:
    from django.urls import reverse

    return reverse(
        "coaching:initiative", kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug}
    )


@permission_required("municipalities.view_coach_desk", fn=_municipality, raise_exception=True)
def queue(request):
    view = "open" if request.GET.get("weergave") == "open" else "intake"
    rows = selectors.intake_queue(municipality=request.municipality, view=view)
    return render(
        request,
        "coaching/queue.html",
        {
            "rows": rows,
            "view": view,
            "overdue_count": sum(1 for r in rows if r.clock.overdue),
            "promised_days": request.municipality.first_response_days,
        },
    )


def _render_desk(request, initiative: Initiative, status: int = 200, **forms):
    municipality = request.municipality
    obstacles = list(selectors.obstacles_of(initiative=initiative))
    may_decide = request.user.has_perm("coaching.decide_obstacle", initiative)
    bound_outcome = forms.pop("outcome_form", None)
    for obstacle in obstacles:
        if may_decide and not obstacle.is_decided:
            if bound_outcome is not None and bound_outcome[0] == obstacle.pk:
                obstacle.outcome_form = bound_outcome[1]
            else:
                obstacle.outcome_form = ObstacleOutcomeForm(auto_id=f"uitkomst{obstacle.pk}_%s")
    agreements = list(selectors.agreements_of(initiative=initiative))
    today = timezone.localdate()
    for agreement in agreements:
        agreement.overdue = agreement.is_overdue(today)
    context = {
        "initiative": initiative,
        "clock": selectors.initiative_clock(initiative),
        "assign_form": forms.get("assign_form")
        or AssignCoachForm(municipality=municipality, auto_id="toewijzen_%s", initial={"coach": request.user.pk}),
        "transition_form": forms.get("transition_form") or TransitionForm(initiative=initiative, auto_id="status_%s"),
        "note_form": forms.get("note_form") or CoachNoteForm(auto_id="notitie_%s"),
        "agreement_form": forms.get("agreement_form") or AgreementForm(auto_id="afspraak_%s"),
        "obstacle_form": forms.get("obstacle_form") or ObstacleForm(municipality=municipality, auto_id="knelpunt_%s"),
        "notes": selectors.coach_notes(initiative=initiative),
        "decisions": selectors.decisions_of(initiative=initiative, public_only=False),
        "agreements": agreements,
        "agreement_statuses": Agreement.Status.choices,
        "obstacles": obstacles,
        "may_decide": may_decide,
        "has_transitions": bool(services.allowed_transitions(initiative.status)),
    }
    return render(request, "coaching/initiative.html", context, status=status)


@permission_required("coaching.view_desk", fn=_initiative, raise_exception=True)
def initiative_desk(request, slug):
    return _render_desk(request, _initiative(request, slug))


@require_POST
@permission_required("coaching.assign_coach", fn=_initiative, raise_exception=True)
def assign(request, slug):
    initiative = _initiative(request, slug)
    form = AssignCoachForm(request.POST, municipality=request.municipality, auto_id="toewijzen_%s")
    if form.is_valid():
        try:
            services.initiative_assign_coach(
                initiative=initiative,
                coach=form.cleaned_data["coach"],
                assigned_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De coach is toegewezen."))
            return redirect(_desk_url(initiative))
    return _render_desk(request, initiative, status=400, assign_form=form)


@require_POST
@permission_required("coaching.change_status", fn=_initiative, raise_exception=True)
def transition(request, slug):
    initiative = _initiative(request, slug)
    form = TransitionForm(request.POST, initiative=initiative, auto_id="status_%s")
    if form.is_valid():
        try:
            services.initiative_transition(
                initiative=initiative,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
                title=form.cleaned_data["title"],
                decided_by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De status is gewijzigd en het besluit is gepubliceerd."))
            return redirect(_desk_url(initiative))
    initiative.refresh_from_db()
    return _render_desk(request, initiative, status=400, transition_form=form)


@require_POST
@permission_required("coaching.add_note", fn=_initiative, raise_exception=True)
def add_note(request, slug):
    initiative = _initiative(request, slug)
    form = CoachNoteForm(request.POST, auto_id="notitie_%s")
    if form.is_valid():
        try:
            services.coach_note_add(initiative=initiative, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De notitie is opgeslagen."))
            return redirect(_desk_url(initiative) + "#notities")
    return _render_desk(request, initiative, status=400, note_form=form)


@require_POST
@permission_required("coaching.add_agreement", fn=_initiative, raise_exception=True)
def add_agreement(request, slug):
    initiative = _initiative(request, slug)
    form = AgreementForm(request.POST, auto_id="afspraak_%s")
    if form.is_valid():
        try:
            services.agreement_create(initiative=initiative, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(_desk_url(initiative) + "#afspraken")
    return _render_desk(request, initiative, status=400, agreement_form=form)


@require_POST
@permission_required("coaching.change_agreement", fn=_initiative, raise_exception=True)
def agreement_status(request, slug, pk):
    initiative = _initiative(request, slug)
    agreement = get_object_or_404(Agreement, pk=pk, initiative=initiative)
    form = AgreementStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies open, gedaan of niet gehaald."))
    else:
        try:
            services.agreement_set_status(
                agreement=agreement, status=form.cleaned_data["status"], changed_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De stand van de afspraak is bijgewerkt."))
    return redirect(_desk_url(initiative) + "#afspraken")


@require_POST
@permission_required("coaching.record_obstacle", fn=_initiative, raise_exception=True)
def add_obstacle(request, slug):
    initiative = _initiative(request, slug)
    form = ObstacleForm(request.POST, municipality=request.municipality, auto_id="knelpunt_%s")
    if form.is_valid():
        try:
            services.rule_obstacle_record(initiative=initiative, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het regelknelpunt is vastgelegd."))
            return redirect(_desk_url(initiative) + "#knelpunten")
    return _render_desk(request, initiative, status=400, obstacle_form=form)


@require_POST
@permission_required("coaching.decide_obstacle", fn=_initiative, raise_exception=True)
def decide_obstacle(request, slug, pk):
    initiative = _initiative(request, slug)
    obstacle = get_object_or_404(RuleObstacle, pk=pk, initiative=initiative)
    form = ObstacleOutcomeForm(request.POST, auto_id=f"uitkomst{obstacle.pk}_%s")
    if form.is_valid():
        try:
            services.rule_obstacle_decide(
                obstacle=obstacle,
                outcome=form.cleaned_data["outcome"],
                reasoning=form.cleaned_data["reasoning"],
                change_reference=form.cleaned_data["change_reference"],
                experiment=form.experiment(),
                decided_by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het besluit over het regelknelpunt is gepubliceerd."))
            return redirect(_desk_url(initiative) + "#knelpunten")
    return _render_desk(request, initiative, status=400, outcome_form=(obstacle.pk, form))


def team(request, slug):
    """The team's view of its agreements with the municipality (and the public decisions)."""
    initiative = _initiative(request, slug)
    if not request.user.has_perm("coaching.view_agreements", initiative):
        raise PermissionDenied
    agreements = list(selectors.agreements_of(initiative=initiative))
    today = timezone.localdate()
    for agreement in agreements:
        agreement.overdue = agreement.is_overdue(today)
    return render(
        request,
        "coaching/team.html",
        {
            "initiative": initiative,
            "agreements": agreements,
            "decisions_panel": {"decisions": list(selectors.decisions_of(initiative=initiative))},
            "is_staff": request.user.has_perm("coaching.view_desk", initiative),
        },
    )


def rule_register(request):
    return render(
        request, "coaching/register.html", {"rules": selectors.rule_register(municipality=request.municipality)}
    )


def rule_detail(request, pk):
    rule = get_object_or_404(Rule, pk=pk, municipality=request.municipality)
    obstacles = selectors.rule_public_obstacles(rule=rule)
    return render(request, "coaching/rule_detail.html", {"rule": rule, "obstacles": obstacles})
