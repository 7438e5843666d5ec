"""Thin views of the buurtrechten: the public register, a request's page, the submitters' forms,
the municipality's handling page (staff only: it shows the contact data), and the CSV export."""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.accounts.selectors import identity_verified
from samenspel.comments.panels import comments_panel_context
from samenspel.core.actions import ActionPage, ActionView
from samenspel.core.formats import csv_response, csv_separator

from . import defaults, selectors, services
from .forms import (
    AdmissibilityForm,
    AgreementForm,
    AssignCoachForm,
    DecisionForm,
    ExtensionForm,
    HearingForm,
    InfoAnswerForm,
    InfoRequestForm,
    OrdinanceForm,
    RequestForm,
    ReviewForm,
    ScoreForm,
)
from .models import Outcome, Right, RightRequest, State


def _request(http_request, pk) -> RightRequest:
    return selectors.request_in(municipality=http_request.municipality, pk=pk)


def _url(name: str, obj: RightRequest, anchor: str = "") -> str:
    url = reverse(name, kwargs={"municipality": obj.municipality.slug, "pk": obj.pk})
    return f"{url}#{anchor}" if anchor else url


# --------------------------------------------------------------------------- public


def register(request):
    right = request.GET.get("recht", "")
    right = right if right in Right.values else ""
    rows = selectors.public_register(municipality=request.municipality, right=right)
    return render(
        request,
        "rights/register.html",
        {
            "rows": rows,
            "right": right,
            "rights": Right.choices,
            "figures": selectors.figures(municipality=request.municipality),
            "outcomes": Outcome.choices,
            "ordinance": selectors.ordinance_in_force(municipality=request.municipality),
            "drafts": selectors.drafts_of(municipality=request.municipality, user=request.user),
            "may_submit": request.user.has_perm("rights.create_request", request.municipality),
            "overdue_count": sum(1 for row in rows if row.clocks and row.clocks.overdue),
        },
    )


def ordinance(request):
    return render(
        request,
        "rights/ordinance.html",
        {
            "ordinances": selectors.ordinances_of(municipality=request.municipality),
            "current": selectors.ordinance_in_force(municipality=request.municipality),
            "sources": defaults.SOURCES,
            "may_manage": request.user.has_perm("rights.manage_ordinance", request.municipality),
        },
    )


class AdoptOrdinance(ActionPage):
    """A new version of the participatieverordening (administrators); running requests keep their terms."""

    permission_required = "rights.manage_ordinance"
    form_class = OrdinanceForm
    template_name = "rights/ordinance_form.html"
    success_message = _("De nieuwe versie van de verordening is vastgelegd; lopende verzoeken houden hun termijnen.")

    def get_form_kwargs(self) -> dict:
        current = selectors.ordinance_in_force(municipality=self.request.municipality)
        return {**super().get_form_kwargs(), "current": current}

    def perform(self, form):
        return services.ordinance_adopt(
            municipality=self.request.municipality, adopted_by=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return reverse("rights:ordinance", kwargs={"municipality": self.request.municipality.slug})


def _scorecards(http_request, obj: RightRequest) -> dict:
    """The assessment against the adopted vision (the vision app's scorecard, reused as it is)."""
    from samenspel.vision import selectors as vision

    version = vision.adopted_version(municipality=obj.municipality)
    assessments = vision.scorecards_for([obj]).get(obj, [])
    assess_url = None
    if (
        version is not None
        and obj.state == State.ASSESSMENT
        and http_request.user.has_perm("vision.assess", obj.municipality)
        and not any(a.vision_version_id == version.pk for a in assessments)
    ):
        assess_url = reverse(
            "vision:assess",
            kwargs={
                "municipality": obj.municipality.slug,
                "content_type_id": ContentType.objects.get_for_model(obj).pk,
                "object_id": obj.pk,
            },
        )
    return {"assessments": assessments, "assess_url": assess_url, "version": version}


def _page_context(http_request, obj: RightRequest) -> dict:
    user = http_request.user
    from .rules import is_applicant as applicant

    is_applicant = applicant(user, obj)
    return {
        "obj": obj,
        "clocks": selectors.clocks_of(obj),
        "parts": [(label, obj.parts.get(code, "")) for code, label in obj.terms.part_labels],
        "suspensions": list(obj.suspensions.all()),
        "extensions": list(obj.extensions.all()),
        "scores": list(obj.scores.all()),
        "hearing": getattr(obj, "hearing", None),
        "agreement": getattr(obj, "agreement", None),
        "support_count": obj.supports.count(),
        "support_by_neighbourhood": selectors.support_by_neighbourhood(request=obj),
        "has_supported": selectors.has_supported(request=obj, user=user),
        "is_applicant": is_applicant,
        "may_edit": user.has_perm("rights.edit_request", obj),
        "may_submit": user.has_perm("rights.submit_request", obj),
        "may_answer": user.has_perm("rights.answer_info", obj),
        "may_support": user.has_perm("rights.support", obj),
        "may_desk": user.has_perm("rights.view_desk", obj),
        "digid_verified": obj.terms.digid_required and identity_verified(user=user, scheme="digid"),
        "vision": _scorecards(http_request, obj),
    }


def detail(request, pk):
    obj = _request(request, pk)
    if not request.user.has_perm("rights.view_request", obj):
        raise Http404  # a draft is not known to anyone but its submitters
    context = _page_context(request, obj)
    context["answer_form"] = InfoAnswerForm(auto_id="antwoord_%s")
    if obj.is_public:
        context["comments"] = comments_panel_context(request, obj)
    return render(request, "rights/detail.html", context)


class SubmitterPage(ActionPage):
    """The request form: a new draft for a right, or the submitter's own draft."""

    form_class = RequestForm
    template_name = "rights/form.html"
    success_message = _("Uw concept is opgeslagen. Controleer het en dien het in wanneer het compleet is.")

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "terms": self.terms,
            "municipality": self.request.municipality,
            "user": self.request.user,
        }

    def get_success_url(self, result) -> str:
        return _url("rights:detail", result)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            terms=self.terms,
            right_label=Right(self.terms.right).label,
            digid_verified=self.terms.digid_required and identity_verified(user=self.request.user, scheme="digid"),
            **kwargs,
        )


class NewRequest(SubmitterPage):
    permission_required = "rights.create_request"

    def get_object(self):
        right = self.kwargs["right"]
        if right not in Right.values:
            raise Http404
        self.terms = selectors.terms_for(municipality=self.request.municipality, right=right)
        if self.terms is None:
            raise Http404  # this municipality's ordinance does not grant the right
        return self.request.municipality

    def get_initial(self) -> dict:
        user = self.request.user
        return {"contact_email": user.email, "submitter_kind": "residents"}

    def perform(self, form):
        return services.request_save_draft(
            municipality=self.request.municipality,
            submitted_by=self.request.user,
            right=self.terms.right,
            **form.service_kwargs(),
        )


class EditRequest(SubmitterPage):
    permission_required = "rights.edit_request"

    def get_object(self):
        obj = _request(self.request, self.kwargs["pk"])
        if not self.request.user.has_perm("rights.view_request", obj):
            raise Http404
        self.terms = obj.terms
        return obj

    def get_initial(self) -> dict:
        obj = self.object
        initial = {
            "title": obj.title,
            "submitter_kind": obj.submitter_kind,
            "group_name": obj.group_name,
            "organisation": obj.organisation_id,
            "neighbourhood": obj.neighbourhood_id,
            "contact_email": obj.contact_email,
            "contact_phone": obj.contact_phone,
            "budget_asked": obj.budget_asked,
        }
        return initial | {f"part_{code}": text for code, text in obj.parts.items()}

    def perform(self, form):
        return services.request_save_draft(
            municipality=self.request.municipality,
            submitted_by=self.request.user,
            right=self.object.right,
            request=self.object,
            **form.service_kwargs(),
        )


class RequestAction(ActionView):
    """A button on a request's public page; a refusal is a flash message there."""

    def get_object(self):
        obj = _request(self.request, self.kwargs["pk"])
        if not self.request.user.has_perm("rights.view_request", obj):
            raise Http404
        return obj

    def get_success_url(self, result) -> str:
        return _url("rights:detail", self.object)


class Submit(RequestAction):
    permission_required = "rights.submit_request"
    success_message = _("Uw verzoek is ingediend. U ziet hieronder wanneer de gemeente uiterlijk besluit.")

    def perform(self, form):
        return services.request_submit(request=self.object, submitted_by=self.request.user)


class Answer(RequestAction):
    permission_required = "rights.answer_info"
    form_class = InfoAnswerForm
    success_message = _("Uw antwoord is verstuurd; de termijn loopt weer.")

    def perform(self, form):
        return services.info_answer(
            request=self.object, answer=form.cleaned_data["answer"], answered_by=self.request.user
        )

    def get_success_url(self, result) -> str:
        return _url("rights:detail", self.object, "aanvulling")


class SupportRequest(RequestAction):
    permission_required = "rights.support"
    success_message = _("U steunt dit verzoek.")

    def perform(self, form):
        return services.request_support(request=self.object, user=self.request.user)

    def get_success_url(self, result) -> str:
        return _url("rights:detail", self.object, "steun")


# --------------------------------------------------------------------------- the desk


def _desk_object(http_request, pk) -> RightRequest:
    obj = _request(http_request, pk)
    if obj.state == State.DRAFT:
        raise Http404  # a draft is the submitters' own, not yet the municipality's
    return obj


def _render_desk(http_request, obj: RightRequest, status: int = 200, **forms):
    municipality = http_request.municipality
    user = http_request.user
    may = {
        action: user.has_perm(f"rights.{action}", obj)
        for action in (
            "assign_coach",
            "request_info",
            "decide_admissibility",
            "start_assessment",
            "score",
            "hear",
            "extend",
            "decide",
            "make_agreement",
            "review_agreement",
        )
    }
    context = _page_context(http_request, obj) | {
        "may": may,
        "coach_form": forms.get("coach_form")
        or AssignCoachForm(municipality=municipality, auto_id="coach_%s", initial={"coach": obj.coach_id or user.pk}),
        "info_form": forms.get("info_form") or InfoRequestForm(auto_id="vraag_%s"),
        "admissibility_form": forms.get("admissibility_form") or AdmissibilityForm(auto_id="ontvankelijk_%s"),
        "score_form": forms.get("score_form")
        or ScoreForm(terms=obj.terms, scores=obj.scores.all(), auto_id="score_%s"),
        "hearing_form": forms.get("hearing_form") or HearingForm(auto_id="horen_%s"),
        "extension_form": forms.get("extension_form") or ExtensionForm(auto_id="verdagen_%s"),
        "decision_form": forms.get("decision_form") or DecisionForm(auto_id="besluit_%s"),
        "agreement_form": forms.get("agreement_form")
        or AgreementForm(
            auto_id="overeenkomst_%s",
            initial={"task": obj.parts.get("task", ""), "budget": obj.budget_asked},
        ),
        "review_form": forms.get("review_form") or ReviewForm(auto_id="voortgang_%s"),
    }
    return render(http_request, "rights/desk.html", context, status=status)


@permission_required("rights.view_desk", fn=_desk_object, raise_exception=True)
def desk(request, pk):
    return _render_desk(request, _desk_object(request, pk))


class DeskAction(ActionView):
    form_name = ""
    auto_id = ""
    anchor = ""

    def get_object(self):
        return _desk_object(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": self.auto_id}

    def get_success_url(self, result) -> str:
        return _url("rights:desk", self.object, self.anchor)

    def form_invalid(self, form):
        if not self.form_name:
            return super().form_invalid(form)
        self.object = _desk_object(self.request, self.kwargs["pk"])
        return _render_desk(self.request, self.object, status=400, **{self.form_name: form})


class AssignCoach(DeskAction):
    permission_required = "rights.assign_coach"
    form_class = AssignCoachForm
    form_name, auto_id = "coach_form", "coach_%s"
    success_message = _("De behandelaar is toegewezen.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.request_assign_coach(
            request=self.object, coach=form.cleaned_data["coach"], assigned_by=self.request.user
        )


class RequestInfo(DeskAction):
    permission_required = "rights.request_info"
    form_class = InfoRequestForm
    form_name, auto_id, anchor = "info_form", "vraag_%s", "aanvulling"
    success_message = _("De vraag is verstuurd; de termijn staat stil tot het antwoord er is.")

    def perform(self, form):
        return services.info_request(
            request=self.object, question=form.cleaned_data["question"], asked_by=self.request.user
        )


class DecideAdmissibility(DeskAction):
    permission_required = "rights.decide_admissibility"
    form_class = AdmissibilityForm
    form_name, auto_id = "admissibility_form", "ontvankelijk_%s"
    success_message = _("Het besluit over de ontvankelijkheid is vastgelegd.")

    def perform(self, form):
        return services.admissibility_decide(request=self.object, decided_by=self.request.user, **form.cleaned_data)


class StartAssessment(DeskAction):
    permission_required = "rights.start_assessment"
    anchor = "beoordeling"
    success_message = _("De beoordeling is begonnen; steun en reacties zijn gesloten.")

    def perform(self, form):
        return services.assessment_start(request=self.object, started_by=self.request.user)


class Score(DeskAction):
    permission_required = "rights.score"
    form_class = ScoreForm
    form_name, auto_id, anchor = "score_form", "score_%s", "beoordeling"
    success_message = _("De beoordeling op de criteria is opgeslagen.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "terms": self.object.terms}

    def perform(self, form):
        return services.criteria_score(request=self.object, scores=form.scores(), assessed_by=self.request.user)


class Hear(DeskAction):
    permission_required = "rights.hear"
    form_class = HearingForm
    form_name, auto_id, anchor = "hearing_form", "horen_%s", "horen"
    success_message = _("De hoorzitting is vastgelegd.")

    def perform(self, form):
        return services.hearing_record(request=self.object, recorded_by=self.request.user, **form.cleaned_data)


class Extend(DeskAction):
    permission_required = "rights.extend"
    form_class = ExtensionForm
    form_name, auto_id, anchor = "extension_form", "verdagen_%s", "termijnen"
    success_message = _("De beslistermijn is verdaagd; de indieners zijn ingelicht.")

    def perform(self, form):
        return services.term_extend(request=self.object, decided_by=self.request.user, **form.cleaned_data)


class Decide(DeskAction):
    permission_required = "rights.decide"
    form_class = DecisionForm
    form_name, auto_id, anchor = "decision_form", "besluit_%s", "besluit"
    success_message = _("Het besluit is genomen en gepubliceerd.")

    def perform(self, form):
        return services.request_decide(request=self.object, decided_by=self.request.user, **form.cleaned_data)


class MakeAgreement(DeskAction):
    permission_required = "rights.make_agreement"
    form_class = AgreementForm
    form_name, auto_id, anchor = "agreement_form", "overeenkomst_%s", "overeenkomst"
    success_message = _("De overeenkomst is vastgelegd en staat op de openbare pagina.")

    def perform(self, form):
        return services.agreement_create(request=self.object, created_by=self.request.user, **form.cleaned_data)


class Review(DeskAction):
    permission_required = "rights.review_agreement"
    form_class = ReviewForm
    form_name, auto_id, anchor = "review_form", "voortgang_%s", "overeenkomst"
    success_message = _("Het voortgangsgesprek is vastgelegd.")

    @cached_property
    def agreement(self):
        return self.object.agreement

    def perform(self, form):
        return services.agreement_review(agreement=self.agreement, recorded_by=self.request.user, **form.cleaned_data)


# --------------------------------------------------------------------------- open data

CSV_FIELDS = [
    "id",
    "recht",
    "titel",
    "indiener",
    "wijk",
    "stand",
    "ontvangen_op",
    "besluit_uiterlijk",
    "termijn_staat_stil",
    "termijn_verstreken",
    "besluit",
    "besloten_op",
    "binnen_termijn",
    "steunbetuigingen",
    "budget_overeenkomst",
]


def export_csv(request):
    """The public register as CSV: only what the public page shows, never contact data or names."""
    rows = selectors.public_register(municipality=request.municipality)

    def lines():
        for row in rows:
            obj, clocks = row.request, row.clocks
            agreement = getattr(obj, "agreement", None)
            yield {
                "id": obj.pk,
                "recht": obj.right,
                "titel": obj.title,
                "indiener": obj.group_name,
                "wijk": obj.neighbourhood.name if obj.neighbourhood else "",
                "stand": obj.state,
                "ontvangen_op": obj.received_on.isoformat() if obj.received_on else "",
                "besluit_uiterlijk": clocks.decision.deadline.isoformat() if clocks else "",
                "termijn_staat_stil": "ja" if clocks and clocks.paused else "nee",
                "termijn_verstreken": "ja" if clocks and clocks.overdue else "nee",
                "besluit": obj.outcome,
                "besloten_op": obj.decided_on.isoformat() if obj.decided_on else "",
                "binnen_termijn": ""
                if not clocks or clocks.decision.kept is None
                else ("ja" if clocks.decision.kept else "nee"),
                "steunbetuigingen": obj.support_count,
                "budget_overeenkomst": agreement.budget if agreement else "",
            }

    return csv_response(
        filename=f"buurtrechten-{request.municipality.slug}.csv",
        fieldnames=CSV_FIELDS,
        rows=lines(),
        separator=csv_separator(request),
    )


def desk_section_context(http_request, municipality) -> dict | None:
    """The coaches' desk: running requests with their terms, a missed term flagged red."""
    if not http_request.user.has_perm("municipalities.view_coach_desk", municipality):
        return None
    rows = selectors.desk_rows(municipality=municipality)
    if not rows:
        return None
    return {"rows": rows, "overdue_count": sum(1 for row in rows if row.clocks.overdue)}
