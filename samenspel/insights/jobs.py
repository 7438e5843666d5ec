"""The work the tasks do (tasks.py): compute topics and reports, and store what they found.

Kept apart from services.py, which queues these tasks, so no module imports itself in a circle.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .finder import topic_finder
from .models import ParticipationReport, TopicRun
from .periods import Period


def topics_compute(*, run: TopicRun, now: datetime.datetime | None = None) -> TopicRun:
    """Find the topics of a run's period and store them (runs in a task: may take seconds)."""
    from . import texts

    finder = topic_finder()
    period = Period(run.period_start, run.period_end)
    found = []
    gathered = []
    if finder is not None:
        find_topics, text_class = finder
        gathered = texts.gather(municipality=run.municipality, period=period, text_class=text_class)
        try:
            found = find_topics(gathered, now=now or min(timezone.now(), period.end_dt)) if gathered else []
        except NotImplementedError:
            finder = None
    with transaction.atomic():
        run.status = TopicRun.Status.DONE if finder is not None else TopicRun.Status.UNAVAILABLE
        run.texts = len(gathered)
        run.topics = [
            {
                "label": t.label,
                "top_words": list(t.top_words),
                "examples": list(t.examples),
                "weekly": [[d.isoformat(), n] for d, n in t.weekly],
                "emerging": bool(t.emerging),
                "size": int(t.size),
            }
            for t in found
        ]
        run.computed_at = timezone.now()
        run.save()
    return run


def report_generate(*, report: ParticipationReport) -> ParticipationReport:
    """Compute the year's figures, store them and the PDF made from them (runs in a task)."""
    from . import report as building

    data = building.build_data(municipality=report.municipality, year=report.year)
    pdf = building.render_pdf(municipality=report.municipality, year=report.year, data=data)
    with transaction.atomic():
        report = ParticipationReport.objects.select_for_update().get(pk=report.pk)
        if report.is_published:
            return report
        report.data = data
        report.pdf = pdf
        report.generated_at = timezone.now()
        report.save()
    return report
