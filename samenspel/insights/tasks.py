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
