"""Thin views for the vision pages; every write goes through services, every read through selectors."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .cookies import participant_key, remember_key
from .forms import (
    AdoptForm,
    AssessmentForm,
    CommentForm,
    ModerationForm,
    PolisImportForm,
    PrincipleForm,
    PublishForm,
    StatementForm,
)
from .models import Participant, Principle, PrincipleComment, Statement, VisionVersion
from .rules import SUBMIT, VOTE, is_resident_of_process, phase_allows


def _process(request, slug):
    return selectors.process_get(municipality=request.municipality, slug=slug)


def _url(name, process, **kwargs):
    return reverse(f"vision:{name}", kwargs={"municipality": process.municipality.slug, "slug": process.slug, **kwargs})


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _require(request, perm, obj):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _existing_participant(request, process) -> Participant | None:
    if request.user.is_authenticated:
        return Participant.objects.filter(process=process, user=request.user).first()
    key = participant_key(request)
    if key is None:
        return None
    return Participant.objects.filter(process=process, key=key, user__isnull=True).first()


def _participant_for_vote(request, process) -> tuple[Participant, uuid.UUID | None]:
    """The voter; for a first anonymous vote a new key that the response must store."""
    if request.user.is_authenticated:
        return services.participant_get_or_create(process=process, user=request.user), None
    key = participant_key(request)
    new_key = None
    if key is None:
        key = new_key = uuid.uuid4()
    return services.participant_get_or_create(process=process, key=key), new_key


# --------------------------------------------------------------------------- pages


@require_GET
def index(request):
    processes = list(selectors.process_list(municipality=request.municipality))
    if len(processes) == 1:
        return redirect(processes[0].get_absolute_url())
    return render(request, "vision/index.html", {"processes": processes})


def _vote_context(request, process, participant, error=None):
    statement = selectors.next_statement(process=process, participant=participant)
    my_votes = selectors.votes_of(participant=participant)
    return {
        "process": process,
        "statement": statement,
        "can_vote": phase_allows(process, VOTE),
        "n_voted": len(my_votes),
        "n_statements": process.statements.published().count(),
        "vote_error": error,
        "vote_url": _url("vote", process),
        "map_url": _url("map", process),
    }


def _detail_context(request, process, *, form=None, vote_error=None, participant=None):
    participant = participant or _existing_participant(request, process)
    can_submit = phase_allows(process, SUBMIT)
    return {
        "process": process,
        "figures": selectors.participation_figures(process=process),
        "vote": _vote_context(request, process, participant, vote_error),
        "can_submit": can_submit,
        "may_submit": request.user.has_perm("vision.submit_statement", process),
        "form": form or StatementForm(),
        "version": selectors.current_version(process=process),
        "can_moderate": request.user.has_perm("vision.moderate", process),
        "can_manage": request.user.has_perm("vision.manage", process),
    }


@require_GET
def detail(request, slug):
    process = _process(request, slug)
    return render(request, "vision/detail.html", _detail_context(request, process))


@require_POST
def vote(request, slug):
    process = _process(request, slug)
    statement = Statement.objects.filter(process=process, pk=request.POST.get("statement") or 0).first()
    if statement is None:
        raise Http404
    error = None
    participant = None
    new_key = None
    try:
        participant, new_key = _participant_for_vote(request, process)
        services.vote_cast(statement=statement, participant=participant, value=request.POST.get("value"))
    except ValidationError as exc:
        error = _error_text(exc)
        if participant is not None and not participant.votes.exists() and new_key is not None:
            # A refused first vote must not leave an empty participant behind.
            participant.delete()
            participant, new_key = None, None
    if _is_htmx(request):
        response = render(
            request, "vision/_vote_card.html", {"vote": _vote_context(request, process, participant, error)}
        )
    elif error:
        response = render(
            request,
            "vision/detail.html",
            _detail_context(request, process, vote_error=error, participant=participant),
            status=400,
        )
    else:
        response = redirect(f"{process.get_absolute_url()}#stemmen")
    if new_key is not None:
        remember_key(response, new_key)
    return response


@require_POST
def statement_new(request, slug):
    process = _process(request, slug)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={process.get_absolute_url()}")
    if not is_resident_of_process(request.user, process):
        raise PermissionDenied
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            statement = services.statement_submit(
                process=process,
                text=form.cleaned_data["text"],
                author=request.user,
                participant=services.participant_get_or_create(process=process, user=request.user),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if statement.status == Statement.Status.PENDING:
                messages.success(
                    request, _("Dank u wel. Uw stelling verschijnt zodra een moderator haar heeft bekeken.")
                )
            else:
                messages.success(request, _("Dank u wel. Uw stelling staat erbij; anderen kunnen er nu op stemmen."))
            return redirect(f"{process.get_absolute_url()}#stelling-indienen")
    return render(request, "vision/detail.html", _detail_context(request, process, form=form), status=400)


@require_GET
def similar(request, slug):
    """htmx: statements resembling what the resident is typing."""
    process = _process(request, slug)
    text = request.GET.get("text", "")[:1000]
    found = selectors.similar_statements(process=process, text=text)
    return render(request, "vision/_similar.html", {"similar": found, "text": text})


@require_GET
def opinion_map(request, slug):
    process = _process(request, slug)
    participant = _existing_participant(request, process)
    view = selectors.opinion_map_view(process=process, participant=participant)
    return render(
        request,
        "vision/map.html",
        {"process": process, "map": view, "figures": selectors.participation_figures(process=process)},
    )


@require_GET
def statements(request, slug):
    """Every visible statement with its votes: the text alternative to voting one by one."""
    process = _process(request, slug)
    return render(
        request,
        "vision/statements.html",
        {"process": process, "statements": selectors.statements_with_counts(process=process)},
    )


# --------------------------------------------------------------------------- moderation


def moderation(request, slug):
    process = _process(request, slug)
    _require(request, "vision.moderate", process)
    return render(
        request,
        "vision/moderation.html",
        {"process": process, "statements": selectors.moderation_list(process=process), "form": ModerationForm()},
    )


@require_POST
def moderate(request, slug, pk):
    process = _process(request, slug)
    _require(request, "vision.moderate", process)
    statement = get_object_or_404(Statement, process=process, pk=pk)
    form = ModerationForm(request.POST)
    publish = request.POST.get("action") == "publish"
    if form.is_valid():
        try:
            services.statement_moderate(
                statement=statement, moderator=request.user, publish=publish, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("De stelling is zichtbaar.") if publish else _("De stelling is verborgen."))
    else:
        messages.error(request, _error_text(ValidationError(list(form.errors.values()))))
    return redirect(_url("moderation", process))


# --------------------------------------------------------------------------- the vision


def _principles_context(request, version):
    principles = list(selectors.principles_of(version=version))
    assessed = selectors.assessed_decisions_by_principle(version=version)
    endorsed = set()
    if request.user.is_authenticated:
        endorsed = set(version.principles.filter(endorsements__user=request.user).values_list("pk", flat=True))
    for p in principles:
        p.assessed_lines = assessed.get(p.pk, [])
        p.is_endorsed = p.pk in endorsed
    return principles


@require_GET
def vision(request, slug):
    process = _process(request, slug)
    version = selectors.current_version(process=process)
    context = {
        "process": process,
        "version": version,
        "principles": [],
        "can_react": False,
        "can_moderate_comments": False,
    }
    if version is not None:
        context["principles"] = _principles_context(request, version)
        context["can_react"] = request.user.has_perm("vision.react", version)
        context["can_moderate_comments"] = request.user.has_perm("vision.moderate_principle_comment", process)
        context["comment_form"] = CommentForm()
        context["versions"] = selectors.versions_of(process=process).exclude(status=VisionVersion.Status.DRAFT)
    return render(request, "vision/vision.html", context)


def _principle(request, process, pk) -> Principle:
    return get_object_or_404(Principle.objects.select_related("version__process"), version__process=process, pk=pk)


@require_POST
@login_required
def endorse(request, slug, pk):
    process = _process(request, slug)
    principle = _principle(request, process, pk)
    _require(request, "vision.react", principle.version)
    endorsed = services.endorsement_toggle(principle=principle, user=request.user)
    messages.success(request, _("U steunt dit uitgangspunt.") if endorsed else _("Uw steun is ingetrokken."))
    return redirect(f"{_url('vision', process)}#uitgangspunt-{principle.pk}")


@require_POST
@login_required
def principle_comment(request, slug, pk):
    process = _process(request, slug)
    principle = _principle(request, process, pk)
    _require(request, "vision.react", principle.version)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.principle_comment_add(principle=principle, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect(f"{_url('vision', process)}#uitgangspunt-{principle.pk}")
    messages.error(request, _error_text(ValidationError(list(form.errors.values()))))
    return redirect(f"{_url('vision', process)}#uitgangspunt-{principle.pk}")


@require_POST
@login_required
def principle_comment_moderate(request, slug, pk):
    """Hide a comment on a principle (with a public reason) or show it again."""
    process = _process(request, slug)
    _require(request, "vision.moderate_principle_comment", process)
    comment = get_object_or_404(
        PrincipleComment.objects.select_related("principle__version__process__municipality"),
        principle__version__process=process,
        pk=pk,
    )
    back = services.principle_comment_url(comment)
    hide = request.POST.get("action") != "show"
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _error_text(ValidationError(list(form.errors.values()))))
        return redirect(back)
    try:
        services.principle_comment_moderate(
            comment=comment, moderator=request.user, hide=hide, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("De reactie is verborgen.") if hide else _("De reactie is weer zichtbaar."))
    return redirect(back)


# --------------------------------------------------------------------------- managing


def _manage_context(process, **forms):
    draft = selectors.draft_version(process=process)
    consensus = selectors.consensus_statements(process=process)
    statement_qs = process.statements.published()
    context = {
        "process": process,
        "draft": draft,
        "current": selectors.current_version(process=process),
        "versions": selectors.versions_of(process=process),
        "consensus": consensus,
        "principle_form": forms.get("principle_form")
        or PrincipleForm(
            statements=statement_qs.filter(pk__in=[s.pk for s in consensus]) if consensus else statement_qs
        ),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "adopt_form": forms.get("adopt_form") or AdoptForm(),
        "import_form": forms.get("import_form") or PolisImportForm(),
        "error": forms.get("error"),
    }
    if draft is not None:
        context["draft_principles"] = list(selectors.principles_of(version=draft))
    return context


def manage(request, slug):
    process = _process(request, slug)
    _require(request, "vision.manage", process)
    if request.method != "POST":
        return render(request, "vision/manage.html", _manage_context(process))
    action = request.POST.get("action")
    forms = {}
    try:
        if action == "start":
            services.vision_version_start(process=process, created_by=request.user)
            messages.success(request, _("Een nieuwe conceptversie is begonnen."))
        elif action == "principle":
            draft = selectors.draft_version(process=process)
            form = PrincipleForm(request.POST, statements=process.statements.published())
            forms["principle_form"] = form
            if draft is None:
                raise ValidationError(_("Begin eerst een conceptversie."))
            if not form.is_valid():
                return render(request, "vision/manage.html", _manage_context(process, **forms), status=400)
            services.principle_create(version=draft, created_by=request.user, **form.cleaned_data)
            messages.success(request, _("Het uitgangspunt is toegevoegd."))
        elif action == "publish":
            form = forms["publish_form"] = PublishForm(request.POST)
            draft = selectors.draft_version(process=process)
            if draft is None:
                raise ValidationError(_("Er is geen conceptversie om te publiceren."))
            if not form.is_valid():
                return render(request, "vision/manage.html", _manage_context(process, **forms), status=400)
            services.vision_publish(
                version=draft, endorse_until=form.cleaned_data["endorse_until"], published_by=request.user
            )
            messages.success(request, _("De concept-visie is gepubliceerd. Inwoners kunnen nu reageren."))
        elif action == "adopt":
            form = forms["adopt_form"] = AdoptForm(request.POST)
            version = process.versions.filter(status=VisionVersion.Status.PUBLISHED).order_by("-number").first()
            if version is None:
                raise ValidationError(_("Er is geen gepubliceerde concept-visie om vast te stellen."))
            if not form.is_valid():
                return render(request, "vision/manage.html", _manage_context(process, **forms), status=400)
            services.vision_adopt(
                version=version, raadsbesluit=form.cleaned_data["raadsbesluit"], adopted_by=request.user
            )
            messages.success(request, _("De toekomstvisie is vastgesteld."))
        elif action == "import":
            form = forms["import_form"] = PolisImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return render(request, "vision/manage.html", _manage_context(process, **forms), status=400)
            counts = services.polis_import(
                process=process,
                files={f.name: f.read() for f in form.cleaned_data["files"]},
                imported_by=request.user,
            )
            messages.success(
                request,
                _("Geïmporteerd: %(statements)d stellingen, %(participants)d deelnemers, %(votes)d stemmen.") % counts,
            )
        else:
            raise ValidationError(_("Onbekende actie."))
    except ValidationError as error:
        forms["error"] = _error_text(error)
        return render(request, "vision/manage.html", _manage_context(process, **forms), status=400)
    return redirect(_url("manage", process))


@require_GET
def export(request, slug):
    process = _process(request, slug)
    response = HttpResponse(services.polis_export(process=process), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-polis.zip"'
    return response


# --------------------------------------------------------------------------- assessment


def assess(request, content_type_id, object_id):
    municipality = request.municipality
    decision = selectors.decision_get(municipality=municipality, content_type_id=content_type_id, object_id=object_id)
    _require(request, "vision.assess", municipality)
    version = selectors.adopted_version(municipality=municipality)
    existing = selectors.assessment_for(decision=decision, version=version) if version else None
    principles = list(version.principles.all()) if version else []
    form = AssessmentForm(request.POST or None, principles=principles)
    status = 200
    if request.method == "POST" and version is not None and existing is None:
        if form.is_valid():
            try:
                services.assessment_create(
                    decision=decision,
                    vision_version=version,
                    lines=form.lines(),
                    assessed_by=request.user,
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("De toetsing is opgeslagen en openbaar."))
                return redirect(request.path)
        status = 400
    rows = [(p, form[f"verdict_{p.pk}"], form[f"explanation_{p.pk}"]) for p in principles]
    return render(
        request,
        "vision/assess.html",
        {
            "decision": decision,
            "version": version,
            "existing": existing,
            "form": form,
            "rows": rows,
            "back_url": _decision_url(decision),
        },
        status=status,
    )


def _decision_url(decision) -> str:
    initiative = getattr(decision, "initiative", None)
    if initiative is not None:
        return initiative.get_absolute_url()
    get_url = getattr(decision, "get_absolute_url", None)
    return get_url() if get_url else ""
