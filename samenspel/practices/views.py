"""Thin views of the library: readable from every municipality's pages, written by its own staff."""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionPage, ActionView
from samenspel.core.formats import csv_response, csv_separator
from samenspel.core.forms import parse_id

from . import selectors, services
from .forms import AdoptForm, AdoptionResultsForm, LibraryFilter, PracticeForm, WithdrawForm
from .rules import AdoptionTarget

CSV_FIELDS = [
    "id",
    "municipality",
    "title",
    "summary",
    "theme",
    "target_group",
    "evidence_level",
    "funding_form",
    "municipality_size",
    "goal",
    "approach",
    "active_elements",
    "preconditions",
    "implementing_organisations",
    "research",
    "obstacles_solved",
    "costs",
    "results",
    "transferability",
    "contact_role",
    "adoptions",
    "published_at",
]


def _filtered(request):
    form = LibraryFilter(request.GET or None, municipalities=selectors.municipalities_in_library())
    values = form.values() if request.GET else {}
    return form, selectors.library(**values)


def library(request):
    form, practices = _filtered(request)
    return render(
        request,
        "practices/library.html",
        {
            "form": form,
            "practices": practices,
            "may_publish": request.user.has_perm("practices.publish_practice", request.municipality),
            "query": request.GET.urlencode(),
        },
    )


def library_csv(request):
    _form, practices = _filtered(request)
    rows = (
        {
            **{name: getattr(p, name) for name in CSV_FIELDS if hasattr(p, name) and name != "municipality"},
            "municipality": p.municipality.slug,
            "adoptions": p.adoption_count,
            "published_at": p.published_at.date().isoformat(),
        }
        for p in practices
    )
    return csv_response(filename="wat-werkt.csv", fieldnames=CSV_FIELDS, rows=rows, separator=csv_separator(request))


def _readable(request, pk):
    practice = selectors.practice_any(pk=pk)
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404  # a withdrawn practice is not known outside its municipality's staff
    return practice


def practice_detail(request, pk):
    practice = _readable(request, pk)
    target = AdoptionTarget(practice, request.municipality)
    adoptions = list(practice.adoptions.all())
    for adoption in adoptions:
        # Only from the adopting municipality's own pages, by its staff.
        if adoption.municipality_id == request.municipality.pk and request.user.has_perm(
            "practices.report_adoption", adoption
        ):
            adoption.form = AdoptionResultsForm(
                auto_id=f"resultaten{adoption.pk}_%s", initial={"results": adoption.results}
            )
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "adoptions": adoptions,
            "may_adopt": request.user.has_perm("practices.adopt_practice", target),
            "may_withdraw": request.user.has_perm("practices.withdraw_practice", practice)
            and practice.municipality_id == request.municipality.pk,
            "withdraw_form": WithdrawForm(auto_id="intrekken_%s"),
            "is_own": practice.municipality_id == request.municipality.pk,
        },
    )


class Publish(ActionPage):
    permission_required = "practices.publish_practice"
    form_class = PracticeForm
    template_name = "practices/publish.html"
    success_message = _("De praktijk staat in Wat werkt, voor alle gemeenten op het platform.")

    def get_initial(self) -> dict:
        """Prefilled from an evaluated experiment (?experiment=<id>) or a finished funding agreement
        (?afspraak=<id>), so nothing is typed twice."""
        agreement_pk = parse_id(self.request.GET.get("afspraak", ""))
        if agreement_pk is not None:
            agreement = (
                selectors.agreements_to_publish(municipality=self.request.municipality).filter(pk=agreement_pk).first()
            )
            return selectors.agreement_prefill(agreement=agreement) if agreement else {}
        pk = parse_id(self.request.GET.get("experiment", ""))
        if pk is None:
            return {}
        experiment = selectors.experiments_to_publish(municipality=self.request.municipality).filter(pk=pk).first()
        if experiment is None:
            return {}
        indicators = "\n".join(
            f"{i.name}: {i.baseline.normalize():f} → {i.measured.normalize():f} ({_('doel')} {i.target.normalize():f})"
            for i in experiment.indicators.all()
            if i.measured is not None
        )
        obstacle = experiment.obstacle
        return {
            "source_experiment": experiment.pk,
            "title": experiment.title,
            "goal": experiment.question,
            "research": f"{experiment.get_comparison_display()}. {experiment.comparison_description}".strip(),
            "results": f"{str(experiment.get_result_display()).capitalize()}. {experiment.learned}\n{indicators}".strip(),
            "obstacles_solved": f"{obstacle.rule.title} ({obstacle.rule.reference}): {experiment.verdict_reasoning}"
            if obstacle
            else "",
        }

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.practice_publish(
            municipality=self.request.municipality, published_by=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return services.practice_url(result)


class Adopt(ActionPage):
    permission_required = "practices.adopt_practice"
    form_class = AdoptForm
    template_name = "practices/adopt.html"
    success_message = _("De aanpak is overgenomen.")

    def get_object(self):
        return _readable(self.request, self.kwargs["pk"])

    def get_permission_object(self):
        return AdoptionTarget(self.object, self.request.municipality)

    def get_initial(self) -> dict:
        return {"title": self.object.title, "start": "initiative"}

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "practice": self.object}

    def perform(self, form):
        return services.practice_adopt(
            practice=self.object,
            municipality=self.request.municipality,
            adopted_by=self.request.user,
            **form.service_kwargs(),
        )

    def get_success_url(self, result) -> str:
        if result is not None and result.initiative is not None:
            return reverse(
                "coaching:initiative",
                kwargs={"municipality": result.municipality.slug, "slug": result.initiative.slug},
            )
        if result is not None and result.experiment is not None:
            return reverse(
                "experiments:detail", kwargs={"municipality": result.municipality.slug, "pk": result.experiment.pk}
            )
        return services.practice_url(self.object, self.request.municipality)


class Withdraw(ActionView):
    permission_required = "practices.withdraw_practice"
    form_class = WithdrawForm
    success_message = _("De praktijk is ingetrokken.")

    @cached_property
    def practice(self):
        return selectors.practice_any(pk=self.kwargs["pk"])

    def get_object(self):
        practice = self.practice
        if practice.municipality_id != self.request.municipality.pk:
            # Only from its own municipality's pages; elsewhere a refusal, as for any visitor.
            if not self.request.user.has_perm("practices.view_practice", practice):
                raise Http404
            raise PermissionDenied
        return practice

    def perform(self, form):
        return services.practice_withdraw(
            practice=self.object, withdrawn_by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result) -> str:
        return reverse("practices:library", kwargs={"municipality": self.request.municipality.slug})


class ReportAdoption(ActionView):
    permission_required = "practices.report_adoption"
    form_class = AdoptionResultsForm
    success_message = _("De resultaten staan bij de praktijk.")

    def get_object(self):
        practice = _readable(self.request, self.kwargs["pk"])
        # The adoption of this municipality only: another municipality's is not found here.
        return get_object_or_404(
            practice.adoptions.all(), pk=self.kwargs["adoption"], municipality=self.request.municipality
        )

    def perform(self, form):
        return services.adoption_report_results(
            adoption=self.object, results=form.cleaned_data["results"], reported_by=self.request.user
        )

    def get_success_url(self, result) -> str:
        return services.practice_url(self.object.practice, self.request.municipality) + "#overnames-kop"
