"""Thin views: permission, form, service, redirect. Logic is in services and selectors."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel.initiatives.models import Initiative
from samenspel.municipalities.selectors import neighbourhood_list

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
from .models import BallotType, PlanStatus, VoterMode, VotingCode
from .phases import ORDER, Phase
from .rules import BallotAccess

SESSION_CODE = "budget_code_{pk}"


def _round(request, slug):
    budget_round = selectors.round_get(municipality=request.municipality, slug=slug)
    if budget_round is None:
        raise Http404
    return budget_round


def _plan(request, budget_round, pk):
    plan = selectors.plan_get(budget_round=budget_round, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _require(request, perm, obj):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _access(request, budget_round) -> BallotAccess:
    return BallotAccess(budget_round, request.session.get(SESSION_CODE.format(pk=budget_round.pk)))


def _boundaries(municipality) -> dict:
    features = [
        {"type": "Feature", "geometry": n.boundary, "properties": {"name": n.name}}
        for n in neighbourhood_list(municipality=municipality).exclude(boundary=None)
    ]
    return {"type": "FeatureCollection", "features": features}


# --- Rounds ---------------------------------------------------------------------------


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


def round_create(request):
    _require(request, "budgeting.manage", request.municipality)
    form = RoundForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            budget_round = services.round_create(
                municipality=request.municipality, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De ronde is aangemaakt."))
            return redirect(budget_round)
    return render(request, "budgeting/round_form.html", {"form": form, "round": None})


def round_edit(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.manage_round", budget_round)
    form = RoundForm(request.POST or None, instance=budget_round, municipality=request.municipality)
    frozen = budget_round.is_frozen()
    if request.method == "POST" and form.is_valid():
        # The form mutated the instance; the service loads a fresh copy and compares.
        fields = {name: form.cleaned_data[name] for name in RoundForm.Meta.fields}
        try:
            services.round_update(budget_round=budget_round, actor=request.user, **fields)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect(budget_round.get_absolute_url())
    return render(request, "budgeting/round_form.html", {"form": form, "round": budget_round, "frozen": frozen})


# --- Plans ----------------------------------------------------------------------------


def plan_create(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.submit_plan", budget_round)
    form = PlanForm(request.POST or None, request.FILES or None, budget_round=budget_round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lat, lon = data["point"] or (None, None)
        try:
            plan = services.plan_submit(
                budget_round=budget_round,
                author=request.user,
                title=data["title"],
                description=data["description"],
                cost=data["cost"],
                location=data["location"],
                lat=lat,
                lon=lon,
                image=data["image"],
                image_alt=data["image_alt"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "lat" in error.error_dict:
                error = ValidationError({"point": error.error_dict.pop("lat"), **error.error_dict})
            _apply_errors(form, error)
        else:
            messages.success(request, _("Uw plan is ingediend. De gemeente toetst het op haalbaarheid."))
            return redirect(plan)
    initiatives = Initiative.objects.filter(
        municipality=request.municipality, team__user=request.user, team__accepted_at__isnull=False
    ).distinct()
    return render(
        request,
        "budgeting/plan_form.html",
        {"form": form, "round": budget_round, "has_initiatives": initiatives.exists()},
    )


def plan_from_initiative(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.submit_plan", budget_round)
    initiatives = Initiative.objects.filter(
        municipality=request.municipality, team__user=request.user, team__accepted_at__isnull=False
    ).distinct()
    form = InitiativePlanForm(request.POST or None, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_from_initiative(
                budget_round=budget_round,
                initiative=form.cleaned_data["initiative"],
                actor=request.user,
                cost=form.cleaned_data["cost"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Uw initiatief doet nu mee als plan."))
            return redirect(plan)
    return render(request, "budgeting/plan_from_initiative.html", {"form": form, "round": budget_round})


def plan_detail(request, slug, pk):
    budget_round = _round(request, slug)
    plan = _plan(request, budget_round, pk)
    user = request.user
    result = selectors.published_result(budget_round=budget_round)
    row = result.rows.filter(plan=plan).first() if result else None
    may_feasibility = user.has_perm("budgeting.record_feasibility", budget_round)
    may_update = bool(row and row.funded) and user.has_perm("budgeting.post_update", budget_round)
    context = {
        "round": budget_round,
        "plan": plan,
        "row": row,
        "updates": list(selectors.plan_updates(plan=plan)),
        "may_support": user.has_perm("budgeting.support_plan", budget_round) and plan.status == PlanStatus.SUBMITTED,
        "supported": user.is_authenticated and plan.supports.filter(user=user).exists(),
        "feasibility_form": FeasibilityForm(plan=plan) if may_feasibility else None,
        "update_form": PlanUpdateForm() if may_update else None,
    }
    return render(request, "budgeting/plan_detail.html", context)


@require_POST
def plan_support(request, slug, pk):
    budget_round = _round(request, slug)
    plan = _plan(request, budget_round, pk)
    _require(request, "budgeting.support_plan", budget_round)
    try:
        services.plan_support(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Bedankt voor uw steun."))
    return redirect(plan)


def plan_feasibility(request, slug, pk):
    budget_round = _round(request, slug)
    plan = _plan(request, budget_round, pk)
    _require(request, "budgeting.record_feasibility", budget_round)
    form = FeasibilityForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_feasibility_record(
                plan=plan,
                actor=request.user,
                feasible=data["verdict"] == PlanStatus.FEASIBLE,
                reason=data["reason"],
                adjusted_cost=data["adjusted_cost"],
                merge_into=data["merge_into"] if data["verdict"] == PlanStatus.MERGED else None,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "feasible" in error.error_dict:
                error = ValidationError({"verdict": error.error_dict.pop("feasible"), **error.error_dict})
            _apply_errors(form, error)
        else:
            messages.success(request, _("De haalbaarheid is vastgelegd en openbaar."))
            return redirect(plan)
    return render(request, "budgeting/plan_feasibility.html", {"form": form, "round": budget_round, "plan": plan})


def plan_update(request, slug, pk):
    budget_round = _round(request, slug)
    plan = _plan(request, budget_round, pk)
    _require(request, "budgeting.post_update", budget_round)
    form = PlanUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update_post(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De voortgang is gepubliceerd; volgers krijgen een melding."))
            return redirect(plan)
    return render(request, "budgeting/plan_update.html", {"form": form, "round": budget_round, "plan": plan})


# --- Voting ---------------------------------------------------------------------------


def code_entry(request, slug):
    budget_round = _round(request, slug)
    if budget_round.voter_mode != VoterMode.CODES or budget_round.current_phase != Phase.VOTING:
        raise PermissionDenied
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.session.session_key:
            request.session.save()
        try:
            digest = services.code_redeem(
                budget_round=budget_round,
                entered=form.cleaned_data["code"],
                ip=request.META.get("REMOTE_ADDR", ""),
                session_key=request.session.session_key,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            request.session.cycle_key()  # a new session id once it holds a voting right
            request.session[SESSION_CODE.format(pk=budget_round.pk)] = digest
            return redirect(budget_round.url("ballot"))
    return render(request, "budgeting/code_entry.html", {"form": form, "round": budget_round})


def ballot(request, slug):
    budget_round = _round(request, slug)
    access = _access(request, budget_round)
    if not request.user.has_perm("budgeting.vote", access):
        if budget_round.current_phase == Phase.VOTING and budget_round.voter_mode == VoterMode.CODES:
            return redirect(budget_round.url("code"))
        raise PermissionDenied
    voter_key = f"c:{access.code_hash}" if access.code_hash else f"u:{request.user.pk}"
    plans = list(selectors.ballot_plans(budget_round=budget_round))
    current = selectors.ballot_of(budget_round=budget_round, voter_key=voter_key)
    initial = {"plans": [str(p.pk) for p in current.plans.all()]} if current else None
    form = BallotForm(request.POST or None, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_submit(
                budget_round=budget_round,
                plan_ids=form.cleaned_data["plans"],
                user=None if access.code_hash else request.user,
                code_hash=access.code_hash,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Uw stem is opgeslagen. U kunt uw keuze aanpassen tot de stemming sluit."),
            )
            return redirect(budget_round.url("ballot"))
    chosen = set(form["plans"].value() or [])
    context = {
        "round": budget_round,
        "form": form,
        "plans": plans,
        "chosen": chosen,
        "current": current,
        "is_budget_ballot": budget_round.ballot_type == BallotType.BUDGET,
    }
    return render(request, "budgeting/ballot.html", context)


# --- Result ---------------------------------------------------------------------------


def result(request, slug):
    budget_round = _round(request, slug)
    may_count = request.user.has_perm("budgeting.count", budget_round)
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
        "may_count": may_count,
        "may_publish": preview is not None and request.user.has_perm("budgeting.publish_result", budget_round),
    }
    return render(request, "budgeting/result.html", context)


@require_POST
def result_count(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.count", budget_round)
    try:
        services.round_count(budget_round=budget_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De stemmen zijn geteld. Controleer de uitslag en publiceer hem."))
    return redirect(budget_round.url("result"))


@require_POST
def result_publish(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.publish_result", budget_round)
    latest = selectors.latest_result(budget_round=budget_round)
    if latest is None:
        raise Http404
    try:
        services.result_publish(result=latest, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitslag is gepubliceerd."))
    return redirect(budget_round.url("result"))


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


# --- Management -----------------------------------------------------------------------


def code_letters(request, slug):
    budget_round = _round(request, slug)
    _require(request, "budgeting.manage_round", budget_round)
    form = CodeLettersForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            addresses = letters.read_addresses(form.cleaned_data["addresses"])
            _batch, codes = services.code_batch_create(
                budget_round=budget_round, actor=request.user, count=len(addresses)
            )
        except ValidationError as error:
            _apply_errors(form, ValidationError({"addresses": error.messages}))
        else:
            pdf = letters.letters_pdf(
                budget_round=budget_round,
                addresses=addresses,
                codes=codes,
                vote_url=request.build_absolute_uri(budget_round.url("code")),
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="stemcodes-{budget_round.slug}.pdf"'
            return response
    codes = VotingCode.objects.filter(budget_round=budget_round)
    context = {
        "form": form,
        "round": budget_round,
        "issued": codes.count(),
        "used": codes.exclude(used_at=None).count(),
        "batches": list(budget_round.code_batches.all()),
    }
    return render(request, "budgeting/code_letters.html", context)


def voters(request):
    _require(request, "budgeting.manage", request.municipality)
    form = VoterForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.filter(email__iexact=data["email"]).first()
        if user is None:
            form.add_error("email", _("Er is geen account met dit e-mailadres."))
        else:
            try:
                services.voter_declaration_set(
                    municipality=request.municipality,
                    actor=request.user,
                    user=user,
                    birth_year=data["birth_year"],
                    neighbourhood=data["neighbourhood"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request, _("%(name)s is geverifieerd als kiesgerechtigde.") % {"name": user.display_name}
                )
                return redirect("budgeting:voters", municipality=request.municipality.slug)
    from .models import VoterDeclaration

    count = VoterDeclaration.objects.filter(municipality=request.municipality).count()
    return render(request, "budgeting/voters.html", {"form": form, "count": count})


def import_pb(request):
    _require(request, "budgeting.manage", request.municipality)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read(50 * 1024 * 1024)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("Het bestand is geen UTF-8-tekst."))
        else:
            try:
                budget_round = services.round_import_pabulib(
                    municipality=request.municipality,
                    actor=request.user,
                    text=text,
                    title=form.cleaned_data["title"],
                    rule=form.cleaned_data["rule"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("De verkiezing is geïmporteerd als gesloten ronde. U kunt hem nu tellen."))
                return redirect(budget_round.url("result"))
    return render(request, "budgeting/import.html", {"form": form})
