"""Thin views of the signals: the dashboard (public and the desk's), its CSV files, and the reports."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.core.actions import ActionView
from samenspel.core.formats import csv_response, csv_separator

from . import charts, finder, selectors, services
from .models import ParticipationReport
from .periods import period_from


def _municipality(request, *args, **kwargs):
    return request.municipality


def _sections(request, *, public: bool):
    period, form = period_from(request.GET, municipality=request.municipality)
    sections = selectors.dashboard(municipality=request.municipality, period=period, public=public)
    return period, form, sections


def _page(request, *, public: bool):
    period, form, sections = _sections(request, public=public)
    energy = sections["energy"]
    labels = [w.strftime("%d-%m") for w in energy["weeks"]]
    energy_charts = [
        {
            "kind": kind,
            "label": label,
            "total": energy["totals"][kind],
            "chart": charts.week_bars(energy["series"][kind], labels),
        }
        for kind, label in energy["kinds"]
    ]
    reach_rows = sections["reach"]["tables"][0].rows
    open_needs = sections["blocks"]["tables"][2].rows
    run = sections["topic_run"]
    topics = []
    if run is not None:
        from .texts import examples

        keys = [key for topic in run.topics for key in topic["examples"][:3]]
        found = examples(keys, municipality=request.municipality)
        for topic in run.topics:
            weekly = [n for _d, n in topic["weekly"]]
            shown = [v if v == 0 or v >= 5 else None for v in weekly]
            topics.append(
                {
                    **topic,
                    "size_shown": topic["size"] if topic["size"] >= 5 else None,
                    "example_texts": [found[k] for k in topic["examples"][:3] if k in found],
                    "chart": charts.week_bars(shown, [d for d, _n in topic["weekly"]]),
                }
            )
    base = "insights:staff_csv" if not public else "insights:csv"
    query = period.query()
    context = {
        "public": public,
        "period": period,
        "form": form,
        "query": "&".join(f"{k}={v}" for k, v in query.items()),
        "sections": sections,
        "energy_charts": energy_charts,
        "reach_chart": charts.hbars([(r["neighbourhood"], r["per_1000"]) for r in reach_rows]),
        "needs_chart": charts.hbars([(r["neighbourhood"], r["open"]) for r in open_needs]),
        "topics": topics,
        "topics_available": finder.topic_finder() is not None,
        "csv_base": base,
        "may_staff": request.user.has_perm("insights.view_dashboard", request.municipality),
        "may_refresh": request.user.has_perm("insights.refresh_topics", request.municipality),
        "tables": {t.key.replace("-", "_"): t for t in selectors.all_tables(sections)},
        "cache_minutes": selectors.CACHE_SECONDS // 60,
    }
    return render(request, "insights/dashboard.html", context)


def dashboard(request):
    """The public dashboard: aggregate figures only, every small group suppressed."""
    return _page(request, public=True)


@permission_required("insights.view_dashboard", fn=_municipality, raise_exception=True)
def staff_dashboard(request):
    return _page(request, public=False)


def _csv(request, key: str, *, public: bool) -> HttpResponse:
    _period, _form, sections = _sections(request, public=public)
    table = next((t for t in selectors.all_tables(sections) if t.key == key), None)
    if table is None:
        raise Http404
    fieldnames = [str(label) for _k, label in table.columns]
    rows = [
        {str(label): ("<5" if row.get(k, "") is None else row.get(k, "")) for k, label in table.columns}
        for row in table.rows
    ]
    return csv_response(
        filename=f"{request.municipality.slug}-{key}.csv",
        fieldnames=fieldnames,
        rows=rows,
        separator=csv_separator(request),
    )


def csv_table(request, key: str):
    return _csv(request, key, public=True)


@permission_required("insights.view_dashboard", fn=_municipality, raise_exception=True)
def staff_csv_table(request, key: str):
    return _csv(request, key, public=False)


class RefreshTopics(ActionView):
    """Ask for the topics of the period on screen to be found again (a task does the work)."""

    permission_required = "insights.refresh_topics"
    success_message = _("De onderwerpen worden opnieuw bepaald. Dat kan even duren; ververs de pagina straks.")

    def perform(self, form):
        period, _form = period_from(self.request.POST, municipality=self.object)
        return services.topics_request(municipality=self.object, period=period)

    def get_success_url(self, result) -> str:
        return reverse("insights:staff", kwargs={"municipality": self.object.slug})


# --- Reports ---------------------------------------------------------------------------


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=services.FIRST_YEAR, max_value=2100)


def reports(request):
    municipality = request.municipality
    rows = ParticipationReport.objects.filter(municipality=municipality).defer("pdf", "data").order_by("-year")
    visible = [r for r in rows if request.user.has_perm("insights.view_report", r)]
    pending = (
        [r for r in rows if not r.is_ready] if request.user.has_perm("insights.generate_report", municipality) else []
    )
    return render(
        request,
        "insights/reports.html",
        {
            "reports": visible,
            "pending": pending,
            "may_generate": request.user.has_perm("insights.generate_report", municipality),
            "year_form": YearForm(auto_id="verslag_%s"),
        },
    )


def _report(request, year: int) -> ParticipationReport:
    report = get_object_or_404(ParticipationReport.objects.defer("pdf"), municipality=request.municipality, year=year)
    if not request.user.has_perm("insights.view_report", report):
        raise Http404  # a draft is not known outside the desk
    return report


def report_page(request, year: int):
    from .report import report_context

    report = _report(request, year)
    return render(
        request,
        "insights/report_page.html",
        {
            "report": report,
            "year": report.year,
            "may_publish": request.user.has_perm("insights.publish_report", report),
            **report_context(report.data, year=report.year),
        },
    )


def report_pdf(request, year: int):
    report = _report(request, year)
    pdf = ParticipationReport.objects.filter(pk=report.pk).values_list("pdf", flat=True).first()
    if not pdf:
        raise Http404
    response = HttpResponse(bytes(pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="participatieverslag-{request.municipality.slug}-{year}.pdf"'
    return response


class GenerateReport(ActionView):
    permission_required = "insights.generate_report"
    form_class = YearForm
    success_message = _("Het verslag wordt gemaakt. Dat kan een minuut duren; ververs de pagina straks.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "auto_id": "verslag_%s"}

    def perform(self, form):
        return services.report_request(municipality=self.object, year=form.cleaned_data["year"], user=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse("insights:reports", kwargs={"municipality": self.object.slug})


class PublishReport(ActionView):
    permission_required = "insights.publish_report"
    success_message = _("Het verslag is gepubliceerd.")

    def get_object(self):
        return get_object_or_404(
            ParticipationReport.objects.defer("pdf"), municipality=self.request.municipality, year=self.kwargs["year"]
        )

    def check_permission(self) -> None:
        # A draft is not known outside the desk: 404 rather than 403 for those who may not see it.
        if not self.request.user.has_perm("insights.view_report", self.object):
            raise Http404
        super().check_permission()

    def perform(self, form):
        return services.report_publish(report=self.object, user=self.request.user)

    def get_success_url(self, result) -> str:
        return reverse(
            "insights:report", kwargs={"municipality": self.request.municipality.slug, "year": self.object.year}
        )
