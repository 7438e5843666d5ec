"""Thin views of result funding: the public pages, the forms of each step, the finance CSV."""

from functools import cached_property

from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.core.actions import ActionPage, ActionView
from samenspel.core.formats import csv_response, csv_separator

from . import selectors, services
from .forms import (
    AdjustForm,
    AgreementForm,
    FinalReportForm,
    HoldForm,
    ReasonForm,
    ReleaseForm,
    ReportForm,
    ResultForm,
    ReviewForm,
    SettleForm,
    TrancheForm,
)
from .models import ReportState, TrancheState


def _municipality(request, *args, **kwargs):
    return request.municipality


def _agreement(request, pk, **kwargs):
    return selectors.agreement_get(municipality=request.municipality, pk=pk)


def index(request):
    may_add = request.user.has_perm("funding.add_agreement", request.municipality)
    agreements = selectors.agreements_for_index(municipality=request.municipality, include_drafts=may_add)
    return render(
        request,
        "funding/index.html",
        {
            "agreements": agreements,
            "may_add": may_add,
            "may_export": request.user.has_perm("funding.export_tranches", request.municipality),
        },
    )


def _render_detail(request, agreement, *, status: int = 200, bound: tuple | None = None):
    """The agreement's page; a refused action passes (form name, key, bound form) so its errors show in place."""
    user = request.user

    def form(name, key, factory):
        if bound is not None and bound[0] == name and bound[1] == key:
            return bound[2]
        return factory()

    tranches = list(agreement.tranches.all())
    results = list(agreement.results.all())
    may = {
        "change": user.has_perm("funding.change_agreement", agreement),
        "grant": user.has_perm("funding.grant", agreement),
        "report": user.has_perm("funding.report_result", agreement),
        "review": user.has_perm("funding.review_report", agreement),
        "release": user.has_perm("funding.release_tranche", agreement),
        "hold": user.has_perm("funding.hold_tranche", agreement),
        "adjust": user.has_perm("funding.adjust_tranche", agreement),
        "final_report": user.has_perm("funding.submit_final_report", agreement),
        "settle": user.has_perm("funding.settle", agreement),
        "evidence": user.has_perm("funding.view_evidence", agreement),
    }
    for tranche in tranches:
        if tranche.state in (TrancheState.PLANNED, TrancheState.HELD):
            if may["release"]:
                tranche.release_form = form(
                    "release", tranche.pk, lambda t=tranche: ReleaseForm(auto_id=f"vrijgeven{t.pk}_%s")
                )
            if may["hold"] and tranche.state == TrancheState.PLANNED:
                tranche.hold_form = form("hold", tranche.pk, lambda t=tranche: HoldForm(auto_id=f"aanhouden{t.pk}_%s"))
            if may["adjust"]:
                tranche.adjust_form = form(
                    "adjust", tranche.pk, lambda t=tranche: AdjustForm(auto_id=f"aanpassen{t.pk}_%s")
                )
    for result in results:
        if may["report"] and not any(r.state == ReportState.SUBMITTED for r in result.reports.all()):
            result.report_form = form("report", result.pk, lambda r=result: ReportForm(auto_id=f"verslag{r.pk}_%s"))
    reports = list(selectors.reports_of(agreement=agreement)) if may["evidence"] else []
    for report in reports:
        if may["review"] and report.state == ReportState.SUBMITTED:
            report.review_form = form("review", report.pk, lambda r=report: ReviewForm(auto_id=f"beoordeling{r.pk}_%s"))
    context = {
        "agreement": agreement,
        "tranches": tranches,
        "results": results,
        "reports": reports,
        "events": selectors.events_of(agreement=agreement),
        "may": may,
        "result_form": form("result", None, lambda: ResultForm(auto_id="resultaat_%s")) if may["change"] else None,
        "tranche_form": form("tranche", None, lambda: TrancheForm(agreement=agreement, auto_id="termijn_%s"))
        if may["change"]
        else None,
        "grant_form": form("grant", None, lambda: ReasonForm(auto_id="verlening_%s")) if may["grant"] else None,
        "final_form": form("final_report", None, lambda: FinalReportForm(auto_id="eindverslag_%s"))
        if may["final_report"]
        else None,
        "settle_form": form("settle", None, lambda: SettleForm(auto_id="vaststelling_%s")) if may["settle"] else None,
    }
    return render(request, "funding/detail.html", context, status=status)


@permission_required("funding.view_agreement", fn=_agreement, raise_exception=True)
def detail(request, pk):
    return _render_detail(request, _agreement(request, pk))


@permission_required("funding.view_evidence", fn=_agreement, raise_exception=True)
def evidence_file(request, pk, file_pk):
    """An evidence file, to the team and staff only; never cached by a shared cache."""
    evidence = selectors.evidence_of(agreement=_agreement(request, pk), pk=file_pk)
    extension = evidence.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=evidence.kind == evidence.Kind.DOCUMENT,
        filename=f"bewijs-{evidence.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@permission_required("funding.export_tranches", fn=_municipality, raise_exception=True)
def tranches_csv(request):
    """Due and released tranches, and repayments, for the municipality's finance system. No personal data."""
    municipality = request.municipality
    rows = []
    for tranche in selectors.finance_rows(municipality=municipality):
        agreement = tranche.agreement
        rows.append(
            {
                "afspraak": agreement.pk,
                "naam": agreement.title,
                "termijn": tranche.position,
                "omschrijving": tranche.label,
                "soort": tranche.kind,
                "stand": "released" if tranche.state == TrancheState.RELEASED else "due",
                "bedrag": tranche.amount,
                "gepland_op": tranche.due_date.isoformat(),
                "vrijgegeven_op": tranche.released_at.date().isoformat() if tranche.released_at else "",
            }
        )
    for agreement in selectors.repayments(municipality=municipality):
        rows.append(
            {
                "afspraak": agreement.pk,
                "naam": agreement.title,
                "termijn": "",
                "omschrijving": "terugvordering",
                "soort": "repayment",
                "stand": "due",
                "bedrag": -agreement.repayment_amount,
                "gepland_op": agreement.settled_at.date().isoformat(),
                "vrijgegeven_op": "",
            }
        )
    return csv_response(
        filename=f"termijnen-{municipality.slug}.csv",
        fieldnames=[
            "afspraak",
            "naam",
            "termijn",
            "omschrijving",
            "soort",
            "stand",
            "bedrag",
            "gepland_op",
            "vrijgegeven_op",
        ],
        rows=rows,
        separator=csv_separator(request),
    )


# --- Actions ---------------------------------------------------------------------------------


class AgreementCreate(ActionPage):
    permission_required = "funding.add_agreement"
    form_class = AgreementForm
    template_name = "funding/create.html"
    success_message = _("De afspraak staat klaar als concept. Spreek nu de resultaten en termijnen af.")

    def get_initial(self) -> dict:
        initial = {"repay_unearned": True}
        slug = self.request.GET.get("initiatief", "")
        if slug:
            initial["initiative"] = (
                selectors.initiatives_to_fund(municipality=self.request.municipality).filter(slug=slug[:140]).first()
            )
        return initial

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.agreement_create(
            municipality=self.request.municipality, created_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class AgreementAction(ActionView):
    """A step on one agreement; a refused one shows the agreement's page again with its form."""

    form_name = ""
    auto_id = ""
    anchor = ""

    def get_object(self):
        return _agreement(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": self.auto_id}

    def form_key(self):
        return None

    def get_success_url(self, result) -> str:
        url = self.object.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url

    def form_invalid(self, form):
        agreement = _agreement(self.request, self.kwargs["pk"])  # fresh: the refused service rolled back
        return _render_detail(self.request, agreement, status=400, bound=(self.form_name, self.form_key(), form))


class AddResult(AgreementAction):
    permission_required = "funding.change_agreement"
    form_class = ResultForm
    form_name, auto_id, anchor = "result", "resultaat_%s", "resultaten"
    success_message = _("Het resultaat is afgesproken.")

    def perform(self, form):
        return services.result_add(agreement=self.object, actor=self.request.user, **form.cleaned_data)


class AddTranche(AgreementAction):
    permission_required = "funding.change_agreement"
    form_class = TrancheForm
    form_name, auto_id, anchor = "tranche", "termijn_%s", "termijnen"
    success_message = _("De termijn is gepland.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "agreement": self.object}

    def perform(self, form):
        return services.tranche_add(agreement=self.object, actor=self.request.user, **form.cleaned_data)


class Grant(AgreementAction):
    permission_required = "funding.grant"
    form_class = ReasonForm
    form_name, auto_id = "grant", "verlening_%s"
    success_message = _("De afspraak is verleend; het team heeft bericht gekregen.")

    def perform(self, form):
        return services.agreement_grant(
            agreement=self.object, reason=form.cleaned_data["reason"], granted_by=self.request.user
        )


class ReportResult(AgreementAction):
    permission_required = "funding.report_result"
    form_class = ReportForm
    form_name, anchor = "report", "resultaten"
    success_message = _("Uw verslag is ingediend; de coach beoordeelt het.")

    @cached_property
    def result(self):
        return selectors.result_of(agreement=self.object, pk=self.kwargs["result_pk"])

    def form_key(self):
        return self.result.pk

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": f"verslag{self.result.pk}_%s"}

    def perform(self, form):
        data = form.cleaned_data
        return services.report_submit(
            result=self.result,
            measured_value=data["measured_value"],
            story=data["story"],
            files=data["files"],
            submitted_by=self.request.user,
        )


class ReviewReport(AgreementAction):
    permission_required = "funding.review_report"
    form_class = ReviewForm
    form_name, anchor = "review", "verslagen"
    success_message = _("De beoordeling is vastgelegd; het team heeft bericht gekregen.")

    @cached_property
    def report(self):
        return selectors.report_of(agreement=self.object, pk=self.kwargs["report_pk"])

    def form_key(self):
        return self.report.pk

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": f"beoordeling{self.report.pk}_%s"}

    def perform(self, form):
        return services.report_review(
            report=self.report,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
            reviewed_by=self.request.user,
        )


class TrancheAction(AgreementAction):
    anchor = "termijnen"
    prefix = ""

    @cached_property
    def tranche(self):
        return selectors.tranche_of(agreement=self.object, pk=self.kwargs["tranche_pk"])

    def form_key(self):
        return self.tranche.pk

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": f"{self.prefix}{self.tranche.pk}_%s"}


class ReleaseTranche(TrancheAction):
    permission_required = "funding.release_tranche"
    form_class = ReleaseForm
    form_name, prefix = "release", "vrijgeven"
    success_message = _("De termijn is vrijgegeven; het team heeft bericht gekregen.")

    def perform(self, form):
        return services.tranche_release(
            tranche=self.tranche, reason=form.cleaned_data["reason"], released_by=self.request.user
        )


class HoldTranche(TrancheAction):
    permission_required = "funding.hold_tranche"
    form_class = HoldForm
    form_name, prefix = "hold", "aanhouden"
    success_message = _("De termijn is aangehouden; het team heeft bericht gekregen.")

    def perform(self, form):
        return services.tranche_hold(
            tranche=self.tranche, reason=form.cleaned_data["reason"], held_by=self.request.user
        )


class AdjustTranche(TrancheAction):
    permission_required = "funding.adjust_tranche"
    form_class = AdjustForm
    form_name, prefix = "adjust", "aanpassen"
    success_message = _("Het bedrag van de termijn is aangepast.")

    def perform(self, form):
        return services.tranche_adjust(
            tranche=self.tranche,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            adjusted_by=self.request.user,
        )


class FinalReport(AgreementAction):
    permission_required = "funding.submit_final_report"
    form_class = FinalReportForm
    form_name, auto_id, anchor = "final_report", "eindverslag_%s", "vaststelling"
    success_message = _("Het eindverslag is ingediend; de gemeente stelt de afspraak nu vast.")

    def perform(self, form):
        return services.final_report_submit(agreement=self.object, submitted_by=self.request.user, **form.cleaned_data)


class Settle(AgreementAction):
    permission_required = "funding.settle"
    form_class = SettleForm
    form_name, auto_id, anchor = "settle", "vaststelling_%s", "vaststelling"
    success_message = _("De afspraak is vastgesteld.")

    def perform(self, form):
        return services.agreement_settle(agreement=self.object, settled_by=self.request.user, **form.cleaned_data)
