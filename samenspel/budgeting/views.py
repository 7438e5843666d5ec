"""Pages of the burgerbegroting. Reads go through selectors; every change is an ActionView.

Pages that only show something are functions. A page with a form is a
`core.actions.ActionPage` (GET shows the form, a refused POST shows it again with
status 400); a bare button is a `core.actions.ActionView`. Each declares its
permission, its form and the one service it calls.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionPage, ActionView
from samenspel.core.client import client_key
from samenspel.municipalities.selectors import neighbourhood_map

from . import letters, selectors, services
from .charts import result_chart
from .forms import (
    BallotForm,
    CodeForm,
    CodeLettersForm,
    FeasibilityForm,
    ImportForm,
    InitiativePlanForm,
    PlanForm,
    PlanUpdateForm,
    RoundForm,
    VoterForm,
)
from .models import BallotType, PlanStatus
from .phases import ORDER, Phase
from .rules import BallotAccess
from .secrecy import code_ballot_key, voter_ballot_key

SESSION_CODE = "budget_code_{pk}"


def _round(request, slug):
    budget_round = selectors.round_get(municipality=request.municipality, slug=slug)
    if budget_round is None:
        raise Http404
    return budget_round


def _plan(budget_round, pk):
    plan = selectors.plan_get(budget_round=budget_round, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _access(request, budget_round) -> BallotAccess:
    return BallotAccess(budget_round, request.session.get(SESSION_CODE.format(pk=budget_round.pk)))


# --- Pages that show ------------------------------------------------------------------


def round_list(request):
    rounds = list(selectors.round_list(municipality=request.municipality))
    return render(
        request,
        "budgeting/round_list.html",
        {"rounds": rounds, "may_manage": request.user.has_perm("budgeting.manage", request.municipality)},
    )


def round_detail(request, slug):
    budget_round = _round(request, slug)
    plans = list(selectors.plan_list(budget_round=budget_round))
    phase = budget_round.current_phase
    timeline = [
        {"phase": p, "label": p.label, "current": p == phase, "done": ORDER.index(p) < ORDER.index(phase)}
        for p in ORDER[1:]
    ]
    user = request.user
    context = {
        "round": budget_round,
        "phase": phase,
        "timeline": timeline,
        "plans": plans,
        "figures": selectors.round_figures(budget_round=budget_round),
        "result": selectors.published_result(budget_round=budget_round),
        "may_submit": user.has_perm("budgeting.submit_plan", budget_round),
        "may_vote": user.has_perm("budgeting.vote", _access(request, budget_round)),
        "voting_open": phase == Phase.VOTING,
        "may_manage": user.has_perm("budgeting.manage_round", budget_round),
        "may_count": user.has_perm("budgeting.count", budget_round),
    }
    return render(request, "budgeting/round_detail.html", context)


def plan_detail(request, slug, pk):
    budget_round = _round(request, slug)
    plan = _plan(budget_round, pk)
    user = request.user
    row = selectors.published_row(plan=plan)
    may_feasibility = user.has_perm("budgeting.record_feasibility", budget_round)
    may_update = bool(row and row.funded) and user.has_perm("budgeting.post_update", budget_round)
    context = {
        "round": budget_round,
        "plan": plan,
        "row": row,
        "updates": list(selectors.plan_updates(plan=plan)),
        "may_support": user.has_perm("budgeting.support_plan", budget_round) and plan.status == PlanStatus.SUBMITTED,
        "supported": selectors.has_supported(plan=plan, user=user),
        "feasibility_form": FeasibilityForm(plan=plan) if may_feasibility else None,
        "update_form": PlanUpdateForm() if may_update else None,
    }
    return render(request, "budgeting/plan_detail.html", context)


def result(request, slug):
    budget_round = _round(request, slug)
    shown = selectors.published_result(budget_round=budget_round)
    preview = None
    if request.user.has_perm("budgeting.manage_round", budget_round):
        latest = selectors.latest_result(budget_round=budget_round)
        if latest is not None and latest.published_at is None:
            preview = latest
    current = preview or shown
    rows = list(selectors.result_rows(result=current)) if current else []
    funded = [r for r in rows if r.funded]
    points = [
        {"lat": r.plan.lat, "lon": r.plan.lon, "title": r.plan.title, "url": r.plan.get_absolute_url()}
        for r in funded
        if r.plan.lat is not None
    ]
    context = {
        "round": budget_round,
        "result": current,
        "preview": preview is not None,
        "rows": rows,
        "funded": funded,
        "chart": result_chart(rows),
        "map_data": {"points": points, "boundaries": _boundaries(request.municipality)},
        "may_count": request.user.has_perm("budgeting.count", budget_round),
        "may_publish": preview is not None and request.user.has_perm("budgeting.publish_result", budget_round),
    }
    return render(request, "budgeting/result.html", context)


def _boundaries(municipality) -> dict:
    return neighbourhood_map(municipality=municipality)


def result_pb(request, slug):
    """The anonymised .pb file the published result was computed from."""
    budget_round = _round(request, slug)
    shown = selectors.published_result(budget_round=budget_round)
    if shown is None and request.user.has_perm("budgeting.manage_round", budget_round):
        shown = selectors.latest_result(budget_round=budget_round)
    if shown is None:
        raise Http404
    response = HttpResponse(shown.pb_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.municipality.slug}_{budget_round.slug}.pb"'
    return response


# --- The shapes of an action in this app ----------------------------------------------


class _Page(ActionPage):
    """A form page of this app. Refusals answer 403 (also to anonymous visitors), as before."""

    login_required = False

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), **self.form_arguments()}

    def form_arguments(self) -> dict:
        """What the form needs besides the POST (the round, the plan, the municipality)."""
        return {}

    def get_context_data(self, **kwargs) -> dict:
        return {"round": getattr(self, "budget_round", None), **kwargs}


class _RoundMixin:
    """The round from the URL (404 when it is not in this municipality) is the permission object."""

    #: The round's page to go to afterwards (a URL name such as "result"); None: the round itself.
    success_page: str | None = None

    def get_object(self):
        self.budget_round = _round(self.request, self.kwargs["slug"])
        return self.budget_round

    def get_success_url(self, result) -> str:
        if self.success_page:
            return self.budget_round.url(self.success_page)
        return self.budget_round.get_absolute_url()


class _PlanMixin(_RoundMixin):
    """The plan from the URL; the permission is asked of its round."""

    def get_object(self):
        return _plan(super().get_object(), self.kwargs["pk"])

    def get_permission_object(self):
        return self.budget_round

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(plan=self.object, **kwargs)

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()


# --- Rounds ---------------------------------------------------------------------------


class RoundCreate(_Page):
    permission_required = "budgeting.manage"
    form_class = RoundForm
    template_name = "budgeting/round_form.html"
    success_message = _("De ronde is aangemaakt.")

    def form_arguments(self) -> dict:
        return {"municipality": self.request.municipality}

    def perform(self, form):
        return services.round_create(
            municipality=self.request.municipality, actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class RoundEdit(_RoundMixin, _Page):
    permission_required = "budgeting.manage_round"
    form_class = RoundForm
    template_name = "budgeting/round_form.html"
    success_message = _("De instellingen zijn opgeslagen.")

    def get_object(self):
        budget_round = super().get_object()
        # Before the form touches the instance: the form sets the posted dates on it.
        self.frozen = budget_round.is_frozen()
        return budget_round

    def form_arguments(self) -> dict:
        return {"instance": self.budget_round, "municipality": self.request.municipality}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(frozen=self.frozen, **kwargs)

    def perform(self, form):
        # The form mutated the instance; the service loads a fresh copy and compares.
        fields = {name: form.cleaned_data[name] for name in RoundForm.Meta.fields}
        return services.round_update(budget_round=self.budget_round, actor=self.request.user, **fields)


# --- Plans ----------------------------------------------------------------------------


class PlanCreate(_RoundMixin, _Page):
    permission_required = "budgeting.submit_plan"
    form_class = PlanForm
    template_name = "budgeting/plan_form.html"
    success_message = _("Uw plan is ingediend. De gemeente toetst het op haalbaarheid.")

    def form_arguments(self) -> dict:
        return {"budget_round": self.budget_round}

    def get_context_data(self, **kwargs) -> dict:
        initiatives = selectors.initiatives_of_team_member(
            municipality=self.request.municipality, user=self.request.user
        )
        return super().get_context_data(has_initiatives=initiatives.exists(), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        lat, lon = data["point"] or (None, None)
        return services.plan_submit(
            budget_round=self.budget_round,
            author=self.request.user,
            title=data["title"],
            description=data["description"],
            cost=data["cost"],
            location=data["location"],
            lat=lat,
            lon=lon,
            image=data["image"],
            image_alt=data["image_alt"],
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class PlanFromInitiative(_RoundMixin, _Page):
    permission_required = "budgeting.submit_plan"
    form_class = InitiativePlanForm
    template_name = "budgeting/plan_from_initiative.html"
    success_message = _("Uw initiatief doet nu mee als plan.")

    def form_arguments(self) -> dict:
        user = self.request.user
        return {"initiatives": selectors.initiatives_of_team_member(municipality=self.request.municipality, user=user)}

    def perform(self, form):
        return services.plan_from_initiative(
            budget_round=self.budget_round,
            initiative=form.cleaned_data["initiative"],
            actor=self.request.user,
            cost=form.cleaned_data["cost"],
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class PlanSupport(_PlanMixin, ActionView):
    permission_required = "budgeting.support_plan"
    success_message = _("Bedankt voor uw steun.")

    def perform(self, form):
        return services.plan_support(plan=self.object, user=self.request.user)


class PlanFeasibility(_PlanMixin, _Page):
    permission_required = "budgeting.record_feasibility"
    form_class = FeasibilityForm
    template_name = "budgeting/plan_feasibility.html"
    success_message = _("De haalbaarheid is vastgelegd en openbaar.")

    def form_arguments(self) -> dict:
        return {"plan": self.object}

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_feasibility_record(
            plan=self.object,
            actor=self.request.user,
            feasible=data["verdict"] == PlanStatus.FEASIBLE,
            reason=data["reason"],
            adjusted_cost=data["adjusted_cost"],
            merge_into=data["merge_into"] if data["verdict"] == PlanStatus.MERGED else None,
        )


class PlanUpdate(_PlanMixin, _Page):
    permission_required = "budgeting.post_update"
    form_class = PlanUpdateForm
    template_name = "budgeting/plan_update.html"
    success_message = _("De voortgang is gepubliceerd; volgers krijgen een melding.")

    def perform(self, form):
        return services.plan_update_post(plan=self.object, actor=self.request.user, **form.cleaned_data)


# --- Voting ---------------------------------------------------------------------------


class CodeEntry(_RoundMixin, _Page):
    permission_required = "budgeting.enter_code"
    success_page = "ballot"
    form_class = CodeForm
    template_name = "budgeting/code_entry.html"

    def perform(self, form):
        session = self.request.session
        if not session.session_key:
            session.save()
        digest = services.code_redeem(
            budget_round=self.budget_round,
            entered=form.cleaned_data["code"],
            ip=client_key(self.request),  # the client behind the proxy, never the proxy
            session_key=session.session_key,
        )
        session.cycle_key()  # a new session id once it holds a voting right
        session[SESSION_CODE.format(pk=self.budget_round.pk)] = digest
        return digest


class Ballot(_RoundMixin, _Page):
    permission_required = "budgeting.vote"
    success_page = "ballot"
    form_class = BallotForm
    template_name = "budgeting/ballot.html"
    success_message = _("Uw stem is opgeslagen. U kunt uw keuze aanpassen tot de stemming sluit.")

    def dispatch(self, request, *args, **kwargs):
        budget_round = self.budget_round = _round(request, kwargs["slug"])
        self.access = _access(request, budget_round)
        may_vote = request.user.has_perm("budgeting.vote", self.access)
        if not may_vote and request.user.has_perm("budgeting.enter_code", budget_round):
            # A code voter without a code in this session enters it first.
            return redirect(budget_round.url("code"))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        budget_round = self.budget_round
        voter_key = (
            code_ballot_key(budget_round_id=budget_round.pk, code_hash=self.access.code_hash)
            if self.access.code_hash
            else voter_ballot_key(budget_round_id=budget_round.pk, user_id=self.request.user.pk)
        )
        self.plans = list(selectors.ballot_plans(budget_round=budget_round))
        self.current = selectors.ballot_of(budget_round=budget_round, voter_key=voter_key)
        return budget_round

    def get_permission_object(self):
        return self.access

    def get_initial(self) -> dict:
        return {"plans": [str(p.pk) for p in self.current.plans.all()]} if self.current else {}

    def form_arguments(self) -> dict:
        return {"plans": self.plans}

    def get_context_data(self, **kwargs) -> dict:
        form = kwargs["form"]
        return super().get_context_data(
            plans=self.plans,
            chosen=set(form["plans"].value() or []),
            current=self.current,
            is_budget_ballot=self.budget_round.ballot_type == BallotType.BUDGET,
            **kwargs,
        )

    def perform(self, form):
        return services.ballot_submit(
            budget_round=self.budget_round,
            plan_ids=form.cleaned_data["plans"],
            user=None if self.access.code_hash else self.request.user,
            code_hash=self.access.code_hash,
            empty_confirmed=form.cleaned_data["confirm_empty"],
        )

    def form_invalid(self, form) -> HttpResponse:
        if form.has_error(NON_FIELD_ERRORS, code=services.EMPTY_BALLOT):
            # A question, not a mistake: its own page with one button, so it works without JavaScript.
            context = self.get_context_data(form=form)
            return render(self.request, "budgeting/ballot_confirm_empty.html", context)
        return super().form_invalid(form)


# --- Result ---------------------------------------------------------------------------


class ResultCount(_RoundMixin, ActionView):
    permission_required = "budgeting.count"
    success_page = "result"
    success_message = _("De stemmen zijn geteld. Controleer de uitslag en publiceer hem.")

    def perform(self, form):
        return services.round_count(budget_round=self.budget_round, actor=self.request.user)


class ResultPublish(_RoundMixin, ActionView):
    permission_required = "budgeting.publish_result"
    success_page = "result"
    success_message = _("De uitslag is gepubliceerd.")

    def perform(self, form):
        latest = selectors.latest_result(budget_round=self.budget_round)
        if latest is None:
            raise Http404
        return services.result_publish(result=latest, actor=self.request.user)


# --- Management -----------------------------------------------------------------------


class CodeLetters(_RoundMixin, _Page):
    """Upload addresses, receive a PDF of letters with fresh codes; the addresses are not kept."""

    permission_required = "budgeting.manage_round"
    form_class = CodeLettersForm
    template_name = "budgeting/code_letters.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            **selectors.code_figures(budget_round=self.budget_round),
            batches=list(selectors.code_batches(budget_round=self.budget_round)),
            **kwargs,
        )

    def perform(self, form):
        addresses = form.cleaned_data["addresses"]
        _batch, codes = services.code_batch_create(
            budget_round=self.budget_round, actor=self.request.user, count=len(addresses)
        )
        return letters.letters_pdf(
            budget_round=self.budget_round,
            addresses=addresses,
            codes=codes,
            vote_url=self.request.build_absolute_uri(self.budget_round.url("code")),
        )

    def success(self, result) -> HttpResponse:
        response = HttpResponse(result, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="stemcodes-{self.budget_round.slug}.pdf"'
        return response


class Voters(_Page):
    permission_required = "budgeting.manage"
    form_class = VoterForm
    template_name = "budgeting/voters.html"

    def form_arguments(self) -> dict:
        return {"municipality": self.request.municipality}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(count=selectors.voter_count(municipality=self.request.municipality), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.voter_declaration_set(
            municipality=self.request.municipality,
            actor=self.request.user,
            user=data["email"],
            birth_year=data["birth_year"],
            neighbourhood=data["neighbourhood"],
        )

    def success(self, result) -> HttpResponse:
        self.success_message = _("%(name)s is geverifieerd als kiesgerechtigde.") % {"name": result.user.display_name}
        return super().success(result)

    def get_success_url(self, result) -> str:
        return self.request.path


class ImportPb(_Page):
    permission_required = "budgeting.manage"
    form_class = ImportForm
    template_name = "budgeting/import.html"
    success_message = _("De verkiezing is geïmporteerd als gesloten ronde. U kunt hem nu tellen.")

    def perform(self, form):
        return services.round_import_pabulib(
            municipality=self.request.municipality,
            actor=self.request.user,
            text=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            rule=form.cleaned_data["rule"],
        )

    def get_success_url(self, result) -> str:
        return result.url("result")
