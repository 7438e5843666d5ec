"""Thin views of experiments: the public list and page, and the staff's actions."""

from functools import cached_property

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionPage, ActionView
from samenspel.core.forms import parse_id

from . import selectors, services
from .forms import EvaluationForm, ExperimentForm, IndicatorForm, MeasureForm

STATE_LABELS = {
    "": _("Alle"),
    "running": _("Lopend"),
    "overdue": _("Evaluatie te laat"),
    "evaluated": _("Geëvalueerd"),
}


def experiment_list(request):
    state = request.GET.get("stand", "")
    state = state if state in selectors.STATES else ""
    return render(
        request,
        "experiments/list.html",
        {
            "experiments": selectors.experiments_of(municipality=request.municipality, state=state),
            "state": state,
            "states": STATE_LABELS.items(),
            "may_add": request.user.has_perm("experiments.add_experiment", request.municipality),
        },
    )


def _render_detail(request, experiment, status: int = 200, **forms):
    may_change = request.user.has_perm("experiments.change_experiment", experiment)
    bound_measure = forms.get("measure_form")
    indicators = list(experiment.indicators.all())
    if may_change:
        for indicator in indicators:
            if bound_measure is not None and bound_measure[0] == indicator.pk:
                indicator.form = bound_measure[1]
            else:
                indicator.form = MeasureForm(
                    auto_id=f"meting{indicator.pk}_%s",
                    initial={"measured": indicator.measured, "comparison_value": indicator.comparison_value},
                )
    context = {
        "experiment": experiment,
        "indicators": indicators,
        "may_change": may_change,
        "may_evaluate": request.user.has_perm("experiments.evaluate_experiment", experiment),
        "indicator_form": forms.get("indicator_form") or IndicatorForm(auto_id="indicator_%s"),
        # Publishing in the what-works library (the practices app, named only by its permission).
        "may_publish": experiment.is_evaluated
        and request.user.has_perm("practices.publish_practice", experiment.municipality),
    }
    return render(request, "experiments/detail.html", context, status=status)


def experiment_detail(request, pk):
    return _render_detail(request, selectors.experiment_in(municipality=request.municipality, pk=pk))


class ExperimentCreate(ActionPage):
    permission_required = "experiments.add_experiment"
    form_class = ExperimentForm
    template_name = "experiments/form.html"
    success_message = _("Het experiment is vastgelegd.")

    def get_initial(self) -> dict:
        obstacle = parse_id(self.request.GET.get("knelpunt", ""))
        return {"obstacle": obstacle} if obstacle else {}

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.experiment_create(
            municipality=self.request.municipality, created_by=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return services.experiment_url(result)


class ExperimentAction(ActionView):
    def get_object(self):
        return selectors.experiment_in(municipality=self.request.municipality, pk=self.kwargs["pk"])

    def get_success_url(self, result) -> str:
        return services.experiment_url(self.object) + "#indicatoren"


class AddIndicator(ExperimentAction):
    permission_required = "experiments.change_experiment"
    form_class = IndicatorForm
    success_message = _("De indicator is toegevoegd.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": "indicator_%s"}

    def perform(self, form):
        return services.indicator_add(experiment=self.object, added_by=self.request.user, **form.cleaned_data)

    def form_invalid(self, form):
        return _render_detail(self.request, self.object, status=400, indicator_form=form)


class Measure(ExperimentAction):
    permission_required = "experiments.change_experiment"
    form_class = MeasureForm
    success_message = _("De meting is opgeslagen.")

    @cached_property
    def indicator(self):
        # Looked up after the permission check.
        return selectors.indicator_of(experiment=self.object, pk=self.kwargs["indicator"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": f"meting{self.indicator.pk}_%s"}

    def perform(self, form):
        return services.indicator_measure(indicator=self.indicator, measured_by=self.request.user, **form.cleaned_data)

    def form_invalid(self, form):
        return _render_detail(self.request, self.object, status=400, measure_form=(self.indicator.pk, form))


class Evaluate(ActionPage):
    permission_required = "experiments.evaluate_experiment"
    form_class = EvaluationForm
    template_name = "experiments/evaluate.html"
    success_message = _("De evaluatie is vastgelegd en openbaar.")

    def get_object(self):
        return selectors.experiment_in(municipality=self.request.municipality, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "experiment": self.object, "indicators": list(self.object.indicators.all())}

    def perform(self, form):
        return services.experiment_evaluate(experiment=self.object, evaluated_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return services.experiment_url(self.object)


def desk_section(request, municipality):
    """The coaches' desk: evaluations overdue, and those due within 30 days."""
    if not request.user.has_perm("experiments.add_experiment", municipality):
        return None
    due = selectors.evaluations_due(municipality=municipality)
    if not due["overdue"] and not due["soon"]:
        return None
    return due
