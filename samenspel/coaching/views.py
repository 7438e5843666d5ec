"""Thin views of the coaching desk (staff only), the team's agreements and the public rule register."""

from functools import cached_property

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.conversations.panels import case_thread_context
from samenspel.core.actions import ActionView
from samenspel.core.registry import desk_sections
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
from .models import Agreement


def _municipality(request, *args, **kwargs):
    return request.municipality


def _initiative(request, slug, **kwargs) -> Initiative:
    # Scoped by the municipality of the URL: another municipality's initiative is a 404.
    return selectors.desk_initiative(municipality=request.municipality, slug=slug)


def _desk_url(initiative: Initiative, anchor: str = "") -> str:
    url = reverse("coaching:initiative", kwargs={"municipality": initiative.municipality.slug, "slug": initiative.slug})
    return f"{url}#{anchor}" if anchor else url


@permission_required("municipalities.view_coach_desk", fn=_municipality, raise_exception=True)
def queue(request):
    view = "open" if request.GET.get("weergave") == "open" else "intake"
    rows = selectors.intake_queue(municipality=request.municipality, view=view)
    sections = []
    for section in desk_sections:
        context = section.context(request, request.municipality)
        if context is not None:
            sections.append({"key": section.key, "template": section.template, "context": context})
    return render(
        request,
        "coaching/queue.html",
        {
            "rows": rows,
            "view": view,
            "overdue_count": sum(1 for r in rows if r.clock.overdue),
            "promised_days": request.municipality.first_response_days,
            "sections": sections,
        },
    )


def _render_desk(request, initiative: Initiative, status: int = 200, **forms):
    """The desk page; a refused action passes its bound form in by name, so its errors show in place."""
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
        "agreements": selectors.agreements_of(initiative=initiative),
        "agreement_statuses": Agreement.Status.choices,
        "obstacles": obstacles,
        "may_decide": may_decide,
        "has_transitions": bool(services.allowed_transitions(initiative.status)),
        # The conversation with the team (not private: the team reads it); notes above stay private.
        "case": case_thread_context(request, initiative, back_here=_desk_url(initiative, "gesprek")),
    }
    return render(request, "coaching/initiative.html", context, status=status)


@permission_required("coaching.view_desk", fn=_initiative, raise_exception=True)
def initiative_desk(request, slug):
    return _render_desk(request, _initiative(request, slug))


class DeskAction(ActionView):
    """An action on the desk of one initiative; a refused one shows the desk again with its form."""

    #: The name of the form in the desk's context, and its id prefix.
    form_name = ""
    auto_id = ""
    #: The desk section to return to.
    anchor = ""

    def get_object(self):
        return _initiative(self.request, self.kwargs["slug"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": self.auto_id}

    def get_success_url(self, result) -> str:
        return _desk_url(self.object, self.anchor)

    def form_invalid(self, form):
        # A refused service may have changed the instance before its transaction rolled back.
        self.object.refresh_from_db()
        return _render_desk(self.request, self.object, status=400, **{self.form_name: form})


class AssignCoach(DeskAction):
    permission_required = "coaching.assign_coach"
    form_class = AssignCoachForm
    form_name, auto_id = "assign_form", "toewijzen_%s"
    success_message = _("De coach is toegewezen.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.initiative_assign_coach(
            initiative=self.object,
            coach=form.cleaned_data["coach"],
            assigned_by=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class Transition(DeskAction):
    permission_required = "coaching.change_status"
    form_class = TransitionForm
    form_name, auto_id = "transition_form", "status_%s"
    success_message = _("De status is gewijzigd en het besluit is gepubliceerd.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "initiative": self.object}

    def perform(self, form):
        return services.initiative_transition(
            initiative=self.object,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            title=form.cleaned_data["title"],
            decided_by=self.request.user,
        )


class AddNote(DeskAction):
    permission_required = "coaching.add_note"
    form_class = CoachNoteForm
    form_name, auto_id, anchor = "note_form", "notitie_%s", "notities"
    success_message = _("De notitie is opgeslagen.")

    def perform(self, form):
        return services.coach_note_add(initiative=self.object, author=self.request.user, text=form.cleaned_data["text"])


class AddAgreement(DeskAction):
    permission_required = "coaching.add_agreement"
    form_class = AgreementForm
    form_name, auto_id, anchor = "agreement_form", "afspraak_%s", "afspraken"
    success_message = _("De afspraak is vastgelegd.")

    def perform(self, form):
        return services.agreement_create(initiative=self.object, created_by=self.request.user, **form.cleaned_data)


class SetAgreementStatus(DeskAction):
    """A select and a button per agreement: a refusal is a flash message, not a form on the page."""

    permission_required = "coaching.change_agreement"
    form_class = AgreementStatusForm
    anchor = "afspraken"
    success_message = _("De stand van de afspraak is bijgewerkt.")

    def get_form_kwargs(self) -> dict:
        return {"data": self.request.POST}

    def perform(self, form):
        agreement = selectors.agreement_of(initiative=self.object, pk=self.kwargs["pk"])
        return services.agreement_set_status(
            agreement=agreement, status=form.cleaned_data["status"], changed_by=self.request.user
        )

    form_invalid = ActionView.form_invalid


class AddObstacle(DeskAction):
    permission_required = "coaching.record_obstacle"
    form_class = ObstacleForm
    form_name, auto_id, anchor = "obstacle_form", "knelpunt_%s", "knelpunten"
    success_message = _("Het regelknelpunt is vastgelegd.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.rule_obstacle_record(initiative=self.object, recorded_by=self.request.user, **form.cleaned_data)


class DecideObstacle(DeskAction):
    permission_required = "coaching.decide_obstacle"
    form_class = ObstacleOutcomeForm
    anchor = "knelpunten"
    success_message = _("Het besluit over het regelknelpunt is gepubliceerd.")

    @cached_property
    def obstacle(self):
        # Looked up after the permission check, so only an admin learns whether it exists.
        return selectors.obstacle_of(initiative=self.object, pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": f"uitkomst{self.obstacle.pk}_%s"}

    def perform(self, form):
        return services.rule_obstacle_decide(
            obstacle=self.obstacle,
            outcome=form.cleaned_data["outcome"],
            reasoning=form.cleaned_data["reasoning"],
            change_reference=form.cleaned_data["change_reference"],
            experiment=form.experiment(),
            decided_by=self.request.user,
        )

    def form_invalid(self, form):
        self.object.refresh_from_db()
        return _render_desk(self.request, self.object, status=400, outcome_form=(self.obstacle.pk, form))


@permission_required("coaching.view_agreements", fn=_initiative, raise_exception=True)
def team(request, slug):
    """The team's view of its agreements with the municipality (and the public decisions)."""
    initiative = _initiative(request, slug)
    return render(
        request,
        "coaching/team.html",
        {
            "initiative": initiative,
            "agreements": selectors.agreements_of(initiative=initiative),
            "decisions_panel": {"decisions": list(selectors.decisions_of(initiative=initiative))},
            "is_staff": request.user.has_perm("coaching.view_desk", initiative),
        },
    )


def rule_register(request):
    return render(
        request, "coaching/register.html", {"rules": selectors.rule_register(municipality=request.municipality)}
    )


def rule_detail(request, pk):
    rule = selectors.rule_in(municipality=request.municipality, pk=pk)
    return render(
        request, "coaching/rule_detail.html", {"rule": rule, "obstacles": selectors.rule_public_obstacles(rule=rule)}
    )
