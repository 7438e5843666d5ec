"""Background jobs of the signals app: topics and yearly reports are never computed in a request."""

from django_tasks import task


@task()
def compute_topics(run_id: int) -> bool:
    from .jobs import topics_compute
    from .models import TopicRun

    run = TopicRun.objects.filter(pk=run_id).select_related("municipality").first()
    if run is None:
        return False
    topics_compute(run=run)
    return True


@task()
def generate_report(report_id: int) -> bool:
    from .jobs import report_generate
    from .models import ParticipationReport

    report = ParticipationReport.objects.filter(pk=report_id).select_related("municipality").first()
    if report is None or report.is_published:
        return False
    report_generate(report=report)
    return True


@task()
def warm_figures(municipality_id: int) -> int:
    """Compute the default period's figures (public and staff, every language) into the cache."""
    from django.conf import settings
    from django.utils import translation

    from samenspel.municipalities.models import Municipality

    from .periods import Period, default_period
    from .selectors import figures_store

    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return 0
    period = Period(*default_period())
    stored = 0
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for public in (True, False):
                figures_store(municipality=municipality, period=period, public=public)
                stored += 1
    return stored
