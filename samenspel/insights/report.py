"""The participatieverslag of one calendar year: its figures as stored data, its page and its PDF.

`build_data` gathers the year once (in a task) into plain JSON: what the municipality asked
residents, who took part, what was done with their input, buurtrecht requests (once that app
has them), experiments, budget rounds and the topics residents raised. Every figure about
people went through `privacy` in the selectors. `report_context` turns that data into what the
template draws (charts beside their tables); the HTML page and the PDF use the same template,
so they cannot say different things. The PDF is tagged (PDF/UA-1) by WeasyPrint.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from . import charts, privacy, selectors
from .periods import year_period

MAX_DECISIONS = 40


def _in_year(field: str, period) -> Q:
    return Q(**{f"{field}__gte": period.start_dt, f"{field}__lt": period.end_dt})


def build_data(*, municipality, year: int) -> dict:
    from samenspel.budgeting.models import BudgetRound
    from samenspel.budgeting.selectors import published_result
    from samenspel.coaching.models import Decision, ExperimentSpace
    from samenspel.vision.models import Assessment, VisionProcess

    period = year_period(year)
    with override("nl"):
        energy = selectors.energy(municipality=municipality, period=period)
        reach = selectors.reach(municipality=municipality, period=period)
        promises = selectors.promises(
            municipality=municipality, period=period, public=True, today=min(period.end, timezone.localdate())
        )
        blocks = selectors.blocks(municipality=municipality, period=period)

        asked = []
        for process in VisionProcess.objects.filter(
            municipality=municipality, gather_start__lt=period.end_dt, draft_end__gte=period.start_dt
        ).annotate(
            people=Count("participants", distinct=True),
            said=Count("statements", filter=Q(statements__status="published"), distinct=True),
        ):
            asked.append(
                {
                    "kind": "vision",
                    "title": process.title,
                    "question": process.question,
                    "from": process.gather_start.date().isoformat(),
                    "to": process.draft_end.date().isoformat(),
                    "people": privacy.count(process.people),
                    "contributions": privacy.count(process.said),
                }
            )
        rounds = []
        for budget_round in BudgetRound.objects.filter(
            municipality=municipality, submission_start__lt=period.end_dt, voting_end__gte=period.start_dt
        ).annotate(ballots_cast=Count("ballots", distinct=True), plans_in=Count("plans", distinct=True)):
            asked.append(
                {
                    "kind": "budget",
                    "title": budget_round.title,
                    "question": budget_round.description[:300],
                    "from": budget_round.submission_start.date().isoformat(),
                    "to": budget_round.voting_end.date().isoformat(),
                    "people": privacy.count(budget_round.ballots_cast),
                    "contributions": privacy.count(budget_round.plans_in),
                }
            )
            result = published_result(budget_round=budget_round)
            funded = []
            if result is not None:
                funded = [
                    {"plan": row.plan.title, "cost": row.cost, "votes": privacy.count(row.votes)}
                    for row in result.rows.filter(funded=True).select_related("plan").order_by("position", "pk")
                ]
            rounds.append(
                {
                    "title": budget_round.title,
                    "budget": budget_round.budget,
                    "spent": result.spent if result else None,
                    "ballots": privacy.count(budget_round.ballots_cast),
                    "plans": privacy.count(budget_round.plans_in),
                    "funded": funded,
                }
            )

        decisions_qs = (
            Decision.objects.public()
            .filter(_in_year("decided_at", period), initiative__municipality=municipality, initiative__is_hidden=False)
            .exclude(kind="assignment")
        )
        decisions = [
            {
                "initiative": d.initiative.title,
                "title": d.title,
                "reasoning": d.reasoning,
                "date": d.decided_at.date().isoformat(),
                "to_status": d.to_status,
            }
            for d in decisions_qs.select_related("initiative").order_by("-decided_at", "-pk")[:MAX_DECISIONS]
        ]
        assessments = []
        for assessment in (
            Assessment.objects.filter(_in_year("created", period), municipality=municipality)
            .select_related("vision_version__process")
            .annotate(
                contributes=Count("lines", filter=Q(lines__verdict="contributes")),
                neutral=Count("lines", filter=Q(lines__verdict="neutral")),
                conflicts=Count("lines", filter=Q(lines__verdict="conflicts")),
            )
            .order_by("-created", "-pk")[:MAX_DECISIONS]
        ):
            assessments.append(
                {
                    "summary": assessment.summary,
                    "vision": assessment.vision_version.process.title,
                    "date": assessment.created.date().isoformat(),
                    "contributes": assessment.contributes,
                    "neutral": assessment.neutral,
                    "conflicts": assessment.conflicts,
                }
            )
        experiments = [
            {
                "rule": space.obstacle.rule.title,
                "scope": space.scope,
                "from": space.start_date.isoformat(),
                "to": space.end_date.isoformat(),
                "evaluated": space.evaluated_at is not None,
                "evaluation_date": space.evaluation_date.isoformat(),
            }
            for space in ExperimentSpace.objects.filter(
                obstacle__rule__municipality=municipality,
                obstacle__initiative__is_hidden=False,
                start_date__lte=period.end,
                end_date__gte=period.start,
            )
            .select_related("obstacle__rule")
            .order_by("start_date", "pk")
        ]
        evaluations = _evaluations(municipality=municipality, period=period)
        topics = _year_topics(municipality=municipality, period=period)

    return {
        "year": year,
        "municipality": municipality.name,
        "generated": timezone.now().isoformat(),
        "totals": {k: energy["totals"][k] for k, _l in energy["kinds"]},
        "weekly": {k: energy["series"][k] for k, _l in energy["kinds"]},
        "weeks": [w.isoformat() for w in energy["weeks"]],
        "reach": {
            "people": reach["people"],
            "per_1000": reach["per_1000"],
            "silent": reach["silent"],
            "residents": reach["residents"],
        },
        "tables": {
            t.key: t.as_dict() for t in energy["tables"] + reach["tables"] + promises["tables"] + blocks["tables"]
        },
        "asked": asked,
        "rounds": rounds,
        "decisions": decisions,
        "decisions_total": decisions_qs.count(),
        "assessments": assessments,
        "experiments": experiments,
        "experiments_app": blocks["experiments_app"],
        "evaluations": evaluations,
        "rights": None if not selectors.has_rights(municipality) else _rights(municipality, period),
        "topics": topics,
    }


def _evaluations(*, municipality, period) -> list[dict]:
    """Experiments evaluated in the year: their outcome, what was learned and what happens next."""
    from samenspel.experiments.models import Experiment

    return [
        {
            "title": e.title,
            "question": e.question,
            "result": e.result,
            "result_label": str(e.get_result_display()),
            "verdict": e.verdict,
            "verdict_label": str(e.get_verdict_display()),
            "learned": e.learned,
            "date": timezone.localtime(e.evaluated_at).date().isoformat(),
        }
        for e in Experiment.objects.for_municipality(municipality)
        .filter(_in_year("evaluated_at", period))
        .order_by("evaluated_at", "pk")[:MAX_DECISIONS]
    ]


def _rights(municipality, period) -> dict:
    """Buurtrecht requests of the year by outcome (counts only; labels as the rights app says them)."""
    rows, date_field, _nb, _t = selectors._rights_source(municipality)
    in_year = rows.filter(**{f"{date_field}__gte": period.start_dt, f"{date_field}__lt": period.end_dt})
    counts = {}
    for by in ("outcome", "state"):
        try:
            field = rows.model._meta.get_field(by)
        except FieldDoesNotExist:  # the rights app's shape may still change
            continue
        labels = dict(field.choices or [])
        counts[by] = {
            str(labels.get(r[by], r[by]) or "nog geen besluit"): privacy.count(r["n"])
            for r in in_year.values(by).annotate(n=Count("pk")).order_by(by)
        }
    return {
        "total": privacy.count(in_year.count()),
        "by_outcome": counts.get("outcome", {}),
        "by_state": counts.get("state", {}),
    }


def _year_topics(*, municipality, period) -> list[dict]:
    """Topics of the year, computed here (the report is made in a task); [] while topics.py is missing."""
    from .finder import topic_finder
    from .texts import gather

    finder = topic_finder()
    if finder is None:
        return []
    find_topics, text_class = finder
    texts = gather(municipality=municipality, period=period, text_class=text_class)
    if not texts:
        return []
    try:
        found = find_topics(texts, now=min(timezone.now(), period.end_dt))
    except NotImplementedError:
        return []
    return [
        {
            "label": t.label,
            "top_words": list(t.top_words)[:8],
            "size": privacy.count(int(t.size)),
            "emerging": bool(t.emerging),
        }
        for t in found
    ]


LABELS = {
    "initiatives": "Nieuwe initiatieven",
    "supports": "Steunbetuigingen",
    "joiners": "Meedoeners",
    "needs": "Vragen",
    "offers": "Aanbod",
    "statements": "Stellingen",
    "votes": "Stemmen op stellingen",
    "plans": "Plannen voor de burgerbegroting",
    "ballots": "Stembiljetten",
    "rights": "Buurtrechtverzoeken",
}


def report_context(data: dict, *, year: int) -> dict:
    """What the report template draws: monthly bars per kind (a year of weeks is too fine to read)."""
    data = {"year": year, "totals": {}, "tables": {}, **data}
    weeks = [datetime.date.fromisoformat(w) for w in data.get("weeks", [])]
    months = [datetime.date(data["year"], m, 1) for m in range(1, 13)]
    month_names = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    series = []
    for kind, values in data.get("weekly", {}).items():
        per_month = [0] * 12
        hidden = [False] * 12
        for week, value in zip(weeks, values, strict=False):
            index = (
                (week + datetime.timedelta(days=3)).month - 1
                if (week + datetime.timedelta(days=3)).year == data["year"]
                else None
            )
            if index is None:
                continue
            if value is None:
                hidden[index] = True
            else:
                per_month[index] += value
        # A month holding a suppressed week is shown as at least that month's known figure, marked.
        shown = [privacy.count(v) if not h else None for v, h in zip(per_month, hidden, strict=True)]
        series.append(
            {
                "kind": kind,
                "label": LABELS.get(kind, kind),
                "chart": charts.week_bars(shown, month_names),
                "months": list(zip(month_names, shown, strict=True)),
                "total": data["totals"].get(kind),
            }
        )
    month_table = {
        "key": "energie-per-maand",
        "caption": f"Energie per maand in {data['year']}",
        "columns": [["month", "Maand"]] + [[s["kind"], s["label"]] for s in series],
        "rows": [
            {"month": name, **{s["kind"]: s["months"][i][1] for s in series}} for i, name in enumerate(month_names)
        ],
    }
    reach_table = data["tables"].get("bereik-per-wijk", {"rows": []})
    reach_chart = charts.hbars([(r["neighbourhood"], r["per_1000"]) for r in reach_table["rows"]])
    tables = {key.replace("-", "_"): table for key, table in data.get("tables", {}).items()}
    return {
        "data": data,
        "series": series,
        "months": months,
        "month_table": month_table,
        "reach_chart": reach_chart,
        "tables": tables,
    }


def render_html(*, municipality, year: int, data: dict, for_pdf: bool = False) -> str:
    with override("nl"):
        return render_to_string(
            "insights/report_document.html",
            {"municipality": municipality, "year": year, "for_pdf": for_pdf, **report_context(data, year=year)},
        )


def render_pdf(*, municipality, year: int, data: dict, uncompressed: bool = False) -> bytes:
    """A tagged PDF (PDF/UA-1) of the report; WeasyPrint is loaded only here, in the task."""
    from weasyprint import HTML

    html = render_html(municipality=municipality, year=year, data=data, for_pdf=True)
    return HTML(string=html, base_url="/").write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed)
