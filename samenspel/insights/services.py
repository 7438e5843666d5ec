"""Writes of the signals app: ask for topics, generate and publish a participation report."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from .models import ParticipationReport, TopicRun
from .periods import Period

# The first year a report may be about: before this the platform did not exist.
FIRST_YEAR = 2020


@transaction.atomic
def topics_request(*, municipality, period: Period) -> TopicRun:
    """Queue a topic analysis of the period; the task stores its result on the run."""
    from .tasks import compute_topics

    run = TopicRun(municipality=municipality, period_start=period.start, period_end=period.end)
    run.full_clean()
    run.save()
    transaction.on_commit(lambda: compute_topics.enqueue(run.pk))
    return run


@transaction.atomic
def report_request(*, municipality, year: int, user) -> ParticipationReport:
    """Ask for the report of a calendar year to be (re)generated; a published report stays as it is."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {"year": _("Kies een jaar van %(first)s tot en met %(last)s.") % {"first": FIRST_YEAR, "last": this_year}}
        )
    report, _created = ParticipationReport.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    if report.is_published:
        raise ValidationError(
            _("Het verslag over %(year)s is al gepubliceerd en verandert niet meer.") % {"year": year}
        )
    report.requested_by = user
    report.generated_at = None
    report.full_clean()
    report.save()
    audit_record(
        municipality=municipality,
        actor=user,
        action="insights.report_request",
        summary=f"Participatieverslag {year} aangevraagd",
        target=report,
    )
    from .tasks import generate_report

    transaction.on_commit(lambda: generate_report.enqueue(report.pk))
    return report


@transaction.atomic
def report_publish(*, report: ParticipationReport, user) -> ParticipationReport:
    report = ParticipationReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_ready:
        raise ValidationError(_("Het verslag wordt nog gemaakt; publiceren kan als het klaar is."))
    if report.is_published:
        raise ValidationError(_("Dit verslag is al gepubliceerd."))
    report.published_at = timezone.now()
    report.published_by = user
    report.full_clean()
    report.save()
    audit_record(
        municipality=report.municipality,
        actor=user,
        action="insights.report_publish",
        summary=f"Participatieverslag {report.year} gepubliceerd",
        target=report,
    )
    return report
