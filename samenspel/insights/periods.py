"""The period and neighbourhood a dashboard or API answer is about, read from the URL."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_WEEKS = 52
# A longer period would make a weekly chart unreadable and a request slower than it needs to be.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: datetime.date  # first day, inclusive
    end: datetime.date  # last day, inclusive
    neighbourhood: object = None  # a Neighbourhood, or None for the whole municipality

    @property
    def start_dt(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_dt(self) -> datetime.datetime:
        """The first moment after the period (exclusive bound)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))

    @property
    def middle_dt(self) -> datetime.datetime:
        return self.start_dt + (self.end_dt - self.start_dt) / 2

    def weeks(self) -> list[datetime.date]:
        """The Mondays of the weeks the period touches."""
        monday = self.start - datetime.timedelta(days=self.start.weekday())
        out = []
        while monday <= self.end:
            out.append(monday)
            monday += datetime.timedelta(days=7)
        return out

    def query(self) -> dict:
        params = {"van": self.start.isoformat(), "tot": self.end.isoformat()}
        if self.neighbourhood is not None:
            params["wijk"] = self.neighbourhood.slug
        return params


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today - datetime.timedelta(weeks=DEFAULT_WEEKS) + datetime.timedelta(days=1), today


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


class PeriodForm(forms.Form):
    """?van=2026-01-01&tot=2026-06-30&wijk=de-linde; a bad value is said on the page, defaults used."""

    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {n.slug: n for n in municipality.neighbourhoods.all()}
        self.fields["wijk"].choices = [("", _("Hele gemeente"))] + [(s, n.name) for s, n in self.areas.items()]

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        default_start, default_end = default_period()
        start = start or (end - datetime.timedelta(weeks=DEFAULT_WEEKS) + datetime.timedelta(days=1) if end else None)
        start, end = start or default_start, end or default_end
        if end < start:
            raise forms.ValidationError(_("De einddatum ligt voor de begindatum."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Kies een periode van hoogstens drie jaar."))
        data["period"] = Period(start, end, self.areas.get(data.get("wijk") or ""))
        return data


def period_from(params, *, municipality) -> tuple[Period, PeriodForm]:
    """The period asked for; when the URL holds a bad value, the default period and the form's errors."""
    form = PeriodForm(params or None, municipality=municipality)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["period"], form
    start, end = default_period()
    return Period(start, end), form
