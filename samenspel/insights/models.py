"""Stored results of slow work: topics found in residents' texts, and yearly participation reports.

Both are computed by tasks (tasks.py), never in a web request; pages only read these rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicRun(models.Model):
    """The topics found in one municipality's texts over one period (see topics.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        DONE = "done", _("klaar")
        UNAVAILABLE = "unavailable", _("nog niet beschikbaar")

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    # [{label, top_words, examples (keys of public texts), weekly [[iso date, n]], emerging, size}]
    topics = models.JSONField(default=list, blank=True)
    texts = models.PositiveIntegerField(default=0)
    requested = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested", "-pk"]
        verbose_name = _("onderwerpenanalyse")
        verbose_name_plural = _("onderwerpenanalyses")

    def __str__(self) -> str:
        return f"Onderwerpen {self.municipality_id} {self.period_start} – {self.period_end}"


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class ParticipationReport(models.Model):
    """A participatieverslag for one calendar year: a snapshot of its figures, published by an admin.

    The figures are stored as they were when the report was generated (`data`), so a published
    report does not change when rows are later hidden or added; the PDF is made from the same data.
    """

    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    data = models.JSONField(default=dict, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="one_report_per_year")]
        verbose_name = _("participatieverslag")
        verbose_name_plural = _("participatieverslagen")

    def __str__(self) -> str:
        return f"Participatieverslag {self.year}"

    @property
    def is_ready(self) -> bool:
        return self.generated_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
