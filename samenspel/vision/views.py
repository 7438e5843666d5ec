"""Thin views for the vision pages: every read through selectors, every button an ActionView."""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from samenspel.comments.panels import comment_panels
from samenspel.core.actions import ActionPage, ActionView, form_messages, is_htmx
from samenspel.core.client import client_key

from . import selectors, services
from .cookies import participant_key, remember_key
from .forms import (
    AdoptForm,
    AssessmentForm,
    ModerationForm,
    PolisImportForm,
    PrincipleForm,
    PublishForm,
    StatementForm,
)
from .models import Statement
from .rules import SUBMIT, VOTE, phase_allows


def _process(request, slug):
    return selectors.process_get(municipality=request.municipality, slug=slug)


def _url(name, process, **kwargs):
    return reverse(f"vision:{name}", kwargs={"municipality": process.municipality.slug, "slug": process.slug, **kwargs})


def _require(request, perm, obj):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _participant(request, process):
    return selectors.participant_of(process=process, user=request.user, key=participant_key(request))


# --------------------------------------------------------------------------- pages


@require_GET
def index(request):
    processes = list(selectors.process_list(municipality=request.municipality))
    if len(processes) == 1:
        return redirect(processes[0].get_absolute_url())
    return render(request, "vision/index.html", {"processes": processes})


def _vote_context(process, participant, figures, error=None):
    return {
        "process": process,
        "statement": selectors.next_statement(process=process, participant=participant),
        "can_vote": phase_allows(process, VOTE),
        "n_voted": len(selectors.votes_of(participant=participant)),
        "n_statements": figures["statements"],
        "vote_error": error,
        "vote_url": _url("vote", process),
        "map_url": _url("map", process),
    }


def _detail_context(request, process, *, form=None, vote_error=None):
    figures = selectors.participation_figures(process=process)
    return {
        "process": process,
        "figures": figures,
        "vote": _vote_context(process, _participant(request, process), figures, vote_error),
        "can_submit": phase_allows(process, SUBMIT),
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
    view = selectors.opinion_map_view(process=process, participant=_participant(request, process))
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


@require_GET
def moderation(request, slug):
    process = _process(request, slug)
    _require(request, "vision.moderate", process)
    return render(
        request,
        "vision/moderation.html",
        {"process": process, "statements": selectors.moderation_list(process=process), "form": ModerationForm()},
    )


@require_GET
def vision(request, slug):
    process = _process(request, slug)
    version = selectors.current_version(process=process)
    context = {"process": process, "version": version, "principles": [], "can_react": False}
    if version is not None:
        principles = list(selectors.principles_of(version=version))
        assessed = selectors.assessed_decisions_by_principle(version=version)
        endorsed = selectors.endorsed_by(version=version, user=request.user)
        # Comments on principles are the comments app's: one panel per principle, one query for all.
        panels = comment_panels(request, principles)
        for p in principles:
            p.assessed_lines = assessed.get(p.pk, [])
            p.is_endorsed = p.pk in endorsed
            p.comments_panel = panels[p.pk]
        context["principles"] = principles
        context["can_react"] = request.user.has_perm("vision.react", version)
        context["versions"] = selectors.published_versions(process=process)
    return render(request, "vision/vision.html", context)


def _manage_context(process, **forms):
    draft = selectors.draft_version(process=process)
    consensus = selectors.consensus_statements(process=process)
    published = selectors.published_statements(process=process)
    context = {
        "process": process,
        "draft": draft,
        "current": selectors.current_version(process=process),
        "versions": selectors.versions_of(process=process),
        "consensus": consensus,
        "principle_form": forms.get("principle_form")
        or PrincipleForm(statements=published.filter(pk__in=[s.pk for s in consensus]) if consensus else published),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "adopt_form": forms.get("adopt_form") or AdoptForm(),
        "import_form": forms.get("import_form") or PolisImportForm(),
        "error": forms.get("error"),
    }
    if draft is not None:
        context["draft_principles"] = list(selectors.principles_of(version=draft))
    return context


@require_GET
def manage(request, slug):
    process = _process(request, slug)
    _require(request, "vision.manage", process)
    return render(request, "vision/manage.html", _manage_context(process))


@require_GET
def export(request, slug):
    """The Polis-format download, open to anyone (linked from the public opinion map page).

    Open data on purpose, as Polis's own export: it holds what every visitor can already see on
    the statements page and the map (published statements, pseudonymous votes, groups), and
    nothing a moderator has not published (selectors.polis_export), so no permission is needed.
    """
    process = _process(request, slug)
    response = HttpResponse(selectors.polis_export(process=process), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-polis.zip"'
    return response


# --------------------------------------------------------------------------- voting and statements


class _ProcessAction(ActionView):
    """An action on a process of this municipality (404 for a slug it does not have)."""

    def get_process(self):
        if not hasattr(self, "_process"):
            self._process = _process(self.request, self.kwargs["slug"])
        return self._process

    def get_object(self):
        return self.get_process()


class VoteCast(_ProcessAction):
    """Anyone may vote, by account or by an anonymous cookie key; one vote per statement."""

    permission_required = "vision.vote"

    def get_object(self):
        return selectors.statement_get(process=self.get_process(), pk=self.request.POST.get("statement"))

    def check_permission(self):
        # `vision.vote` is only the phase; vote_cast refuses a closed phase with a sentence
        # the voter can read (400), so the refusal is left to the service.
        pass

    def perform(self, form):
        self.new_key = None
        user = self.request.user
        if user.is_authenticated:
            return services.vote_cast_by_visitor(statement=self.object, value=self.request.POST.get("value"), user=user)
        key = participant_key(self.request)
        if key is None:
            key = self.new_key = uuid.uuid4()
        return services.vote_cast_by_visitor(
            statement=self.object, value=self.request.POST.get("value"), key=key, client=client_key(self.request)
        )

    def success(self, vote):
        if is_htmx(self.request):
            response = self._card(vote.participant)
        else:
            response = redirect(f"{self.get_process().get_absolute_url()}#stemmen")
        if self.new_key is not None:
            remember_key(response, self.new_key)
        return response

    def form_invalid(self, form):
        error = " ".join(form_messages(form))
        process = self.get_process()
        if is_htmx(self.request):
            # A 4xx partial with the reason: samenspel.js swaps it in and reads the reason out.
            return self._card(_participant(self.request, process), error, status=400)
        context = _detail_context(self.request, process, vote_error=error)
        return render(self.request, "vision/detail.html", context, status=400)

    def _card(self, participant, error=None, status=200):
        process = self.get_process()
        figures = selectors.participation_figures(process=process)
        context = {"vote": _vote_context(process, participant, figures, error)}
        return render(self.request, "vision/_vote_card.html", context, status=status)


class StatementSubmit(LoginRequiredMixin, _ProcessAction):
    permission_required = "vision.submit_statement"
    form_class = StatementForm

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            # Back to the process page after logging in, not to this POST-only address.
            return redirect_to_login(self.get_process().get_absolute_url())
        return super().handle_no_permission()

    def perform(self, form):
        return services.statement_submit(
            process=self.object,
            text=form.cleaned_data["text"],
            author=self.request.user,
            client=client_key(self.request),
        )

    def get_success_url(self, statement):
        return f"{self.object.get_absolute_url()}#stelling-indienen"

    def success(self, statement):
        if statement.status == Statement.Status.PENDING:
            messages.success(
                self.request, _("Dank u wel. Uw stelling verschijnt zodra een moderator haar heeft bekeken.")
            )
        else:
            messages.success(self.request, _("Dank u wel. Uw stelling staat erbij; anderen kunnen er nu op stemmen."))
        return redirect(self.get_success_url(statement))

    def form_invalid(self, form):
        return render(
            self.request, "vision/detail.html", _detail_context(self.request, self.object, form=form), status=400
        )


class _StatementModeration(_ProcessAction):
    permission_required = "vision.moderate"
    form_class = ModerationForm
    publish: bool

    def get_object(self):
        return selectors.statement_get(process=self.get_process(), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.get_process()

    def check_permission(self):
        try:
            super().check_permission()
        except PermissionDenied:
            # Only moderators may know of a statement nobody has published: anyone else gets the
            # answer an unknown number gets (a 403 would say that it exists).
            if self.object.status != Statement.Status.PUBLISHED:
                raise Http404 from None
            raise

    def perform(self, form):
        return services.statement_moderate(
            statement=self.object, moderator=self.request.user, publish=self.publish, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result):
        return _url("moderation", self.get_process())


class StatementPublish(_StatementModeration):
    publish = True
    success_message = gettext_lazy("De stelling is zichtbaar.")


class StatementHide(_StatementModeration):
    publish = False
    success_message = gettext_lazy("De stelling is verborgen.")


# --------------------------------------------------------------------------- the vision


class Endorse(LoginRequiredMixin, _ProcessAction):
    """Endorse a principle of the published draft, or withdraw the endorsement."""

    permission_required = "vision.react"

    def get_object(self):
        return selectors.principle_get(process=self.get_process(), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.object.version

    def perform(self, form):
        return services.endorsement_toggle(principle=self.object, user=self.request.user)

    def get_success_url(self, result):
        return f"{_url('vision', self.get_process())}#uitgangspunt-{self.object.pk}"

    def success(self, endorsed):
        messages.success(self.request, _("U steunt dit uitgangspunt.") if endorsed else _("Uw steun is ingetrokken."))
        return redirect(self.get_success_url(endorsed))


class _ManageAction(_ProcessAction):
    """One of the vision's management buttons; a refusal shows the management page again (400)."""

    permission_required = "vision.manage"
    #: The name under which the management page shows this action's form.
    form_key: str = ""

    def get_success_url(self, result):
        return _url("manage", self.object)

    def form_invalid(self, form):
        forms = {"error": " ".join(str(e) for e in form.non_field_errors())}
        if self.form_class is not None:
            forms[self.form_key] = form
        return render(self.request, "vision/manage.html", _manage_context(self.object, **forms), status=400)

    def refuse_without(self, version, message):
        if version is None:
            raise ValidationError(message)
        return version


class VersionStart(_ManageAction):
    success_message = gettext_lazy("Een nieuwe conceptversie is begonnen.")

    def perform(self, form):
        return services.vision_version_start(process=self.object, created_by=self.request.user)


class PrincipleAdd(_ManageAction):
    form_class = PrincipleForm
    form_key = "principle_form"
    success_message = gettext_lazy("Het uitgangspunt is toegevoegd.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"statements": selectors.published_statements(process=self.object)}

    def perform(self, form):
        draft = self.refuse_without(selectors.draft_version(process=self.object), _("Begin eerst een conceptversie."))
        return services.principle_create(version=draft, created_by=self.request.user, **form.cleaned_data)


class VersionPublish(_ManageAction):
    form_class = PublishForm
    form_key = "publish_form"
    success_message = gettext_lazy("De concept-visie is gepubliceerd. Inwoners kunnen nu reageren.")

    def perform(self, form):
        draft = self.refuse_without(
            selectors.draft_version(process=self.object), _("Er is geen conceptversie om te publiceren.")
        )
        return services.vision_publish(
            version=draft, endorse_until=form.cleaned_data["endorse_until"], published_by=self.request.user
        )


class VersionAdopt(_ManageAction):
    form_class = AdoptForm
    form_key = "adopt_form"
    success_message = gettext_lazy("De toekomstvisie is vastgesteld.")

    def perform(self, form):
        version = self.refuse_without(
            selectors.published_version(process=self.object),
            _("Er is geen gepubliceerde concept-visie om vast te stellen."),
        )
        return services.vision_adopt(
            version=version, raadsbesluit=form.cleaned_data["raadsbesluit"], adopted_by=self.request.user
        )


class PolisImport(_ManageAction):
    form_class = PolisImportForm
    form_key = "import_form"

    def perform(self, form):
        # The open uploads, not their bytes: the service streams them with a cap (a zip can be a bomb).
        files = {f.name: f for f in form.cleaned_data["files"]}
        return services.polis_import(process=self.object, files=files, imported_by=self.request.user)

    def success(self, counts):
        messages.success(
            self.request,
            _("Geïmporteerd: %(statements)d stellingen, %(participants)d deelnemers, %(votes)d stemmen.") % counts,
        )
        return redirect(self.get_success_url(counts))


# --------------------------------------------------------------------------- assessment


class Assess(ActionPage):
    """The assessment of a decision (of any app) against the adopted vision: the form and its saving."""

    # Anonymous visitors are refused (403) like residents: the page is the coaches' own.
    login_required = False
    permission_required = "vision.assess"
    form_class = AssessmentForm
    template_name = "vision/assess.html"
    success_message = gettext_lazy("De toetsing is opgeslagen en openbaar.")

    def get_object(self):
        municipality = self.request.municipality
        decision = selectors.decision_get(
            municipality=municipality,
            content_type_id=self.kwargs["content_type_id"],
            object_id=self.kwargs["object_id"],
        )
        self.version = selectors.adopted_version(municipality=municipality)
        return decision

    def get_permission_object(self):
        return self.request.municipality

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"principles": selectors.principles_to_assess(version=self.version)}

    def perform(self, form):
        if self.version is None:
            raise ValidationError(_("Toetsen kan alleen aan een vastgestelde visie."))
        return services.assessment_create(
            decision=self.object,
            vision_version=self.version,
            lines=form.lines(),
            assessed_by=self.request.user,
            summary=form.cleaned_data["summary"],
        )

    def get_success_url(self, result):
        return self.request.path

    def get_context_data(self, *, form, **kwargs):
        existing = selectors.assessment_for(decision=self.object, version=self.version) if self.version else None
        return super().get_context_data(
            form=form,
            decision=self.object,
            version=self.version,
            existing=existing,
            rows=[(p, form[f"verdict_{p.pk}"], form[f"explanation_{p.pk}"]) for p in form.principles],
            **kwargs,
        )
