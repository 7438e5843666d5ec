"""The figures of the signals dashboard, the API and the participation report.

Every figure is aggregated in the database (COUNT with GROUP BY, TruncWeek), a fixed number
of queries per section whatever the number of rows; only the response-time figures read one
row per initiative of the period (working days need the holiday calendar). Every figure about
people passes `privacy` before it leaves this module: pages, CSV files, the API and the report
all read the same `Table`s, so none of them can show what another hides.

A section is a list of `Table`s; a table's rows hold plain values (numbers, None for a
suppressed figure, English codes) and its columns the Dutch labels.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import privacy
from .periods import Period

# Weekly energy: what residents started or did, per kind.
ENERGY_KINDS = [
    ("initiatives", _("Nieuwe initiatieven")),
    ("supports", _("Steunbetuigingen")),
    ("joiners", _("Meedoeners")),
    ("needs", _("Vragen")),
    ("offers", _("Aanbod")),
    ("statements", _("Stellingen")),
    ("votes", _("Stemmen op stellingen")),
    ("plans", _("Plannen voor de burgerbegroting")),
    ("ballots", _("Stembiljetten")),
    ("rights", _("Buurtrechtverzoeken")),
]
# A neighbourhood is "silent" when its share of residents taking part is below this
# fraction of the municipality's share (or fewer than the threshold take part at all).
SILENT_FRACTION = 0.25


@dataclass
class Table:
    key: str
    caption: str
    columns: list  # [(key, Dutch label)]
    rows: list = field(default_factory=list)  # [dict]
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "caption": str(self.caption),
            "columns": [[k, str(label)] for k, label in self.columns],
            "rows": self.rows,
            "note": str(self.note),
        }


def _week(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


# --- Energy ----------------------------------------------------------------------------


def _rights_source(municipality):
    """Buurtrecht requests, once the rights app has them: (queryset, date field, neighbourhood path)."""
    try:
        from samenspel.rights.models import RightRequest
    except ImportError:
        return None
    names = {f.name for f in RightRequest._meta.get_fields()}
    created = next((n for n in ("submitted_at", "created") if n in names), None)
    if created is None or "municipality" not in names:
        return None
    nb = "neighbourhood" if "neighbourhood" in names else None
    rows = RightRequest.objects.filter(municipality=municipality)
    if "state" in names:
        rows = rows.exclude(state="draft")  # a draft is the submitters' own, not yet a request
    return rows, created, nb, None


def _sources(municipality) -> dict:
    """kind -> (rows, date field, neighbourhood path, theme path) of what residents did."""
    from samenspel.budgeting.models import Ballot, Plan
    from samenspel.initiatives.models import Initiative, Support
    from samenspel.marketplace.models import Need, Offer
    from samenspel.vision.models import Statement, Vote

    sources = {
        "initiatives": (
            Initiative.objects.filter(municipality=municipality, is_hidden=False),
            "submitted_at",
            "neighbourhood",
            "themes",
        ),
        "supports": (
            Support.objects.filter(initiative__municipality=municipality, initiative__is_hidden=False, kind="support"),
            "created",
            "initiative__neighbourhood",
            "initiative__themes",
        ),
        "joiners": (
            Support.objects.filter(initiative__municipality=municipality, initiative__is_hidden=False, kind="join"),
            "created",
            "initiative__neighbourhood",
            "initiative__themes",
        ),
        "needs": (Need.objects.filter(municipality=municipality), "created", "neighbourhood", "themes"),
        "offers": (Offer.objects.filter(municipality=municipality), "created", "neighbourhood", "themes"),
        "statements": (
            Statement.objects.filter(process__municipality=municipality, status="published"),
            "created",
            "author__neighbourhood",
            None,
        ),
        "votes": (
            Vote.objects.filter(statement__process__municipality=municipality),
            "created",
            "participant__user__neighbourhood",
            None,
        ),
        "plans": (Plan.objects.filter(budget_round__municipality=municipality), "created", "neighbourhood", None),
        "ballots": (
            Ballot.objects.filter(budget_round__municipality=municipality),
            _date_field(Ballot, "created", "changed_on"),
            "budget_round__neighbourhood",
            None,
        ),
    }
    rights = _rights_source(municipality)
    if rights is not None:
        sources["rights"] = rights
    return sources


def has_rights(municipality) -> bool:
    return _rights_source(municipality) is not None


def _date_field(model, *names: str) -> str:
    """The first of these fields the model has (a model may trade a moment for a day, as ballots did)."""
    present = {f.name for f in model._meta.get_fields()}
    return next(name for name in names if name in present)


def _in_period(rows, date_field: str, nb_path: str | None, period: Period):
    if isinstance(rows.model._meta.get_field(date_field), models.DateTimeField):
        rows = rows.filter(**{f"{date_field}__gte": period.start_dt, f"{date_field}__lt": period.end_dt})
    else:
        rows = rows.filter(**{f"{date_field}__gte": period.start, f"{date_field}__lte": period.end})
    if period.neighbourhood is not None:
        if nb_path is None:
            return rows.none()
        rows = rows.filter(**{nb_path: period.neighbourhood})
    return rows


def energy(*, municipality, period: Period) -> dict:
    """Per kind: counts per week and per neighbourhood (one query each), and per theme with its trend."""
    sources = _sources(municipality)
    weeks = period.weeks()
    areas = list(municipality.neighbourhoods.order_by("name"))
    weekly = {kind: defaultdict(int) for kind in sources}
    by_area = {kind: defaultdict(int) for kind in sources}
    for kind, (rows, date_field, nb_path, _theme) in sources.items():
        grouped = (
            _in_period(rows, date_field, nb_path, period)
            .annotate(week=TruncWeek(date_field), area=F(nb_path) if nb_path else F("pk"))
            .values("week", "area")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in grouped:
            weekly[kind][_week(row["week"])] += row["n"]
            if nb_path:
                by_area[kind][row["area"]] += row["n"]

    kinds = [(k, label) for k, label in ENERGY_KINDS if k in sources]
    week_rows = [{"week": w.isoformat()} for w in weeks]
    series = {}
    for kind, _label in kinds:
        shown = privacy.suppress_group({w: weekly[kind].get(w, 0) for w in weeks})
        series[kind] = [shown[w] for w in weeks]
        for row, w in zip(week_rows, weeks, strict=True):
            row[kind] = shown[w]
    week_table = Table("energie-per-week", _("Energie per week"), [("week", _("Week van"))] + kinds, week_rows)

    area_rows = []
    for area in areas:
        row = {"neighbourhood": area.name}
        row.update({kind: by_area[kind].get(area.pk, 0) for kind, _l in kinds})
        area_rows.append(row)
    for kind, _l in kinds:
        shown = privacy.suppress_group({r["neighbourhood"]: r[kind] for r in area_rows})
        for r in area_rows:
            r[kind] = shown[r["neighbourhood"]]
    area_table = Table("energie-per-wijk", _("Energie per wijk"), [("neighbourhood", _("Wijk"))] + kinds, area_rows)

    totals = {kind: privacy.count(sum(weekly[kind].values())) for kind, _l in kinds}
    return {
        "kinds": kinds,
        "weeks": weeks,
        "series": series,
        "totals": totals,
        "tables": [week_table, area_table, themes(municipality=municipality, period=period, sources=sources)],
    }


def themes(*, municipality, period: Period, sources=None) -> Table:
    """Initiatives, supports, joiners, needs and offers per theme, first half of the period against the second."""
    from samenspel.municipalities.models import Theme

    sources = sources or _sources(municipality)
    middle = period.middle_dt
    before, after = defaultdict(int), defaultdict(int)
    for kind in ("initiatives", "supports", "joiners", "needs", "offers"):
        rows, date_field, nb_path, theme_path = sources[kind]
        grouped = (
            _in_period(rows, date_field, nb_path, period)
            .filter(**{f"{theme_path}__isnull": False})
            .values(theme=F(theme_path))
            .annotate(
                before=Count("pk", filter=Q(**{f"{date_field}__lt": middle})),
                after=Count("pk", filter=Q(**{f"{date_field}__gte": middle})),
            )
            .order_by()
        )
        for row in grouped:
            before[row["theme"]] += row["before"]
            after[row["theme"]] += row["after"]
    rows = []
    for theme in Theme.objects.filter(municipality=municipality):
        b, a = before.get(theme.pk, 0), after.get(theme.pk, 0)
        # The trend is only said for a theme with enough activity on both sides to be more than noise.
        change = (a - b) / b if b >= privacy.THRESHOLD and a >= privacy.THRESHOLD else None
        trend = "steady"
        if change is not None and change >= 0.25:
            trend = "rising"
        elif change is not None and change <= -0.25:
            trend = "falling"
        rows.append(
            {
                "theme": theme.name,
                "total": privacy.count(a + b),
                "first_half": privacy.count(b),
                "second_half": privacy.count(a),
                "change_percent": None if change is None else round(100 * change),
                "trend": trend if change is not None else "unknown",
            }
        )
    rows.sort(key=lambda r: (r["total"] is None, -(r["total"] or 0), r["theme"]))
    return Table(
        "energie-per-thema",
        _("Energie per thema: eerste en tweede helft van de periode"),
        [
            ("theme", _("Thema")),
            ("total", _("Totaal")),
            ("first_half", _("Eerste helft")),
            ("second_half", _("Tweede helft")),
            ("change_percent", _("Verandering (%)")),
            ("trend", _("Richting")),
        ],
        rows,
    )


# --- Reach -----------------------------------------------------------------------------


def _participant_filter(municipality, period: Period) -> Q:
    """A person took part in the period: any of these, in this municipality."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from samenspel.budgeting.models import Ballot, Plan, PlanSupport
    from samenspel.initiatives.models import Initiative, Support
    from samenspel.marketplace.models import Need, Offer
    from samenspel.vision.models import Statement, Vote

    start, end = period.start_dt, period.end_dt
    me = OuterRef("pk")
    took_part = (
        Q(
            Exists(
                Initiative.objects.filter(
                    initiator=me, municipality=municipality, submitted_at__gte=start, submitted_at__lt=end
                )
            )
        )
        | Q(
            Exists(
                Support.objects.filter(
                    user=me, initiative__municipality=municipality, created__gte=start, created__lt=end
                )
            )
        )
        | Q(Exists(Need.objects.filter(created_by=me, municipality=municipality, created__gte=start, created__lt=end)))
        | Q(Exists(Offer.objects.filter(created_by=me, municipality=municipality, created__gte=start, created__lt=end)))
        | Q(
            Exists(
                Statement.objects.filter(
                    author=me, process__municipality=municipality, created__gte=start, created__lt=end
                )
            )
        )
        | Q(
            Exists(
                Vote.objects.filter(
                    participant__user=me,
                    statement__process__municipality=municipality,
                    created__gte=start,
                    created__lt=end,
                )
            )
        )
        | Q(
            Exists(
                Plan.objects.filter(
                    author=me, budget_round__municipality=municipality, created__gte=start, created__lt=end
                )
            )
        )
        | Q(
            Exists(
                PlanSupport.objects.filter(
                    user=me, plan__budget_round__municipality=municipality, created__gte=start, created__lt=end
                )
            )
        )
    )
    # A ballot names its voter only where its key is "u:<account id>"; a keyed hash (as budgeting
    # may store) cannot be traced to a person, so such ballots count in turnout, not in reach.
    ballots = _in_period(
        Ballot.objects.filter(
            budget_round__municipality=municipality, voter_key=Concat(Value("u:"), Cast(me, CharField()))
        ),
        _date_field(Ballot, "created", "changed_on"),
        None,
        Period(period.start, period.end),
    )
    return took_part | Q(Exists(ballots))


def reach(*, municipality, period: Period) -> dict:
    """People taking part per neighbourhood against its residents; silent neighbourhoods; turnout."""
    from samenspel.accounts.models import User

    areas = list(municipality.neighbourhoods.order_by("name"))
    counted = dict(
        User.objects.filter(neighbourhood__municipality=municipality)
        .filter(_participant_filter(municipality, period))
        .values("neighbourhood")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("neighbourhood", "n")
    )
    people = sum(counted.values())
    residents = sum(a.population or 0 for a in areas)
    town_rate = people / residents if residents else None
    shown = privacy.suppress_group({a.pk: counted.get(a.pk, 0) for a in areas})
    rows = []
    for area in areas:
        n = counted.get(area.pk, 0)
        rate = n / area.population if area.population else None
        silent = n < privacy.THRESHOLD or (
            town_rate is not None and rate is not None and rate < SILENT_FRACTION * town_rate
        )
        rows.append(
            {
                "neighbourhood": area.name,
                "population": area.population,
                "participants": shown[area.pk],
                "per_1000": privacy.derived(
                    None if rate is None else round(1000 * rate, 1), n if shown[area.pk] else 0
                ),
                "silent": silent,
            }
        )
    table = Table(
        "bereik-per-wijk",
        _("Deelnemers per wijk tegen het aantal inwoners"),
        [
            ("neighbourhood", _("Wijk")),
            ("population", _("Inwoners (CBS)")),
            ("participants", _("Deelnemers")),
            ("per_1000", _("Per 1.000 inwoners")),
            ("silent", _("Stil")),
        ],
        rows,
    )
    return {
        "people": privacy.count(people),
        "residents": residents,
        "per_1000": privacy.derived(round(1000 * town_rate, 1) if town_rate is not None else None, people),
        "silent": [r["neighbourhood"] for r in rows if r["silent"]],
        "tables": [
            table,
            vision_turnout(municipality=municipality, period=period, areas=areas),
            budget_turnout(municipality=municipality, period=period, areas=areas),
        ],
    }


def vision_turnout(*, municipality, period: Period, areas) -> Table:
    from samenspel.vision.models import Participant, VisionProcess

    processes = {
        p.pk: p
        for p in VisionProcess.objects.filter(
            municipality=municipality, gather_start__lt=period.end_dt, draft_end__gte=period.start_dt
        )
    }
    grouped = (
        Participant.objects.filter(process__in=list(processes))
        .values("process", "user__neighbourhood")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(dict)
    for row in grouped:
        counts[row["process"]][row["user__neighbourhood"]] = row["n"]
    return _turnout_table(
        "opkomst-visie", _("Opkomst bij de toekomstvisie per wijk"), processes, counts, areas, _("Deelnemers")
    )


def budget_turnout(*, municipality, period: Period, areas) -> Table:
    """Ballots per round and neighbourhood: an account's ballot by the voter's neighbourhood, a code's as unknown."""
    from samenspel.accounts.models import User
    from samenspel.budgeting.models import Ballot, BudgetRound

    rounds = {
        r.pk: r
        # A round counts for the period when any of its phases, from submitting plans to voting, fall in it.
        for r in BudgetRound.objects.filter(
            municipality=municipality, submission_start__lt=period.end_dt, voting_end__gte=period.start_dt
        )
    }
    # One row per (round, key scheme): a round of one wijk counts there; an account's ballot
    # ("u:<id>") by the voter's wijk; any other key (a code, a keyed hash) as "wijk onbekend".
    ballots = list(Ballot.objects.filter(budget_round__in=list(rounds)).values_list("budget_round", "voter_key"))
    user_ids = {int(key[2:]) for _r, key in ballots if key.startswith("u:") and key[2:].isdigit()}
    home = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "neighbourhood")) if user_ids else {}
    counts = defaultdict(lambda: defaultdict(int))
    for round_id, key in ballots:
        area = rounds[round_id].neighbourhood_id
        if area is None and key.startswith("u:") and key[2:].isdigit():
            area = home.get(int(key[2:]))
        counts[round_id][area] += 1
    return _turnout_table(
        "opkomst-burgerbegroting",
        _("Opkomst bij de burgerbegroting per wijk"),
        rounds,
        counts,
        areas,
        _("Stembiljetten"),
    )


def _turnout_table(key, caption, subjects: dict, counts: dict, areas, what) -> Table:
    rows = []
    for pk, subject in subjects.items():
        per_area = counts.get(pk, {})
        shown = privacy.suppress_group({a.pk: per_area.get(a.pk, 0) for a in areas} | {None: per_area.get(None, 0)})
        total = sum(per_area.values())
        residents = sum(a.population or 0 for a in areas)
        rows.append(
            {
                "subject": subject.title,
                "neighbourhood": str(_("Hele gemeente")),
                "count": privacy.count(total),
                "per_1000": privacy.derived(round(1000 * total / residents, 1) if residents else None, total),
            }
        )
        for area in areas:
            n = per_area.get(area.pk, 0)
            rows.append(
                {
                    "subject": subject.title,
                    "neighbourhood": area.name,
                    "count": shown[area.pk],
                    "per_1000": privacy.derived(
                        round(1000 * n / area.population, 1) if area.population else None, n if shown[area.pk] else 0
                    ),
                }
            )
        rows.append(
            {"subject": subject.title, "neighbourhood": str(_("Wijk onbekend")), "count": shown[None], "per_1000": None}
        )
    return Table(
        key,
        caption,
        [
            ("subject", _("Waarover")),
            ("neighbourhood", _("Wijk")),
            ("count", what),
            ("per_1000", _("Per 1.000 inwoners")),
        ],
        rows,
    )


# --- Promises kept ---------------------------------------------------------------------


def _percentile(values: list, fraction: float):
    ordered = sorted(values)
    if not ordered:
        return None
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def promises(*, municipality, period: Period, public: bool = True, today: datetime.date | None = None) -> dict:
    """First response within the promise, time per pipeline stage, agreements, evaluations."""
    from samenspel.coaching.models import Agreement, Decision, ExperimentSpace
    from samenspel.coaching.workdays import add_working_days, local_date, working_days_between
    from samenspel.initiatives.models import Initiative, Status

    today = today or timezone.localdate()
    promised = municipality.first_response_days
    initiatives = _in_period(
        Initiative.objects.filter(municipality=municipality, is_hidden=False), "submitted_at", "neighbourhood", period
    )
    waits, within, late, waiting = [], 0, 0, 0
    for submitted, answered in initiatives.values_list("submitted_at", "first_response_at"):
        due = add_working_days(local_date(submitted), promised)
        if answered is None:
            if due < today:
                late += 1
            else:
                waiting += 1
            continue
        days = working_days_between(local_date(submitted), local_date(answered))
        waits.append(days)
        if local_date(answered) <= due:
            within += 1
        else:
            late += 1
    decided = within + late
    response = Table(
        "eerste-reactie",
        _("Eerste reactie op een initiatief"),
        [("figure", _("Cijfer")), ("value", _("Waarde"))],
        [
            {"figure": "promised_working_days", "value": promised},
            {"figure": "initiatives", "value": privacy.count(decided + waiting)},
            {
                "figure": "share_within_promise_percent",
                "value": privacy.derived(round(100 * within / decided) if decided else None, decided),
            },
            {
                "figure": "median_working_days",
                "value": privacy.derived(statistics.median(waits) if waits else None, len(waits)),
            },
            {"figure": "p90_working_days", "value": privacy.derived(_percentile(waits, 0.9), len(waits))},
            {"figure": "late_or_unanswered", "value": privacy.count(late)},
        ],
    )

    # Time in each stage: from entering a status until the next status decision.
    changes = (
        Decision.objects.filter(kind="status", initiative__in=initiatives)
        .values_list("initiative", "initiative__submitted_at", "to_status", "decided_at")
        .order_by("initiative", "decided_at", "pk")
    )
    stays = defaultdict(list)
    current = None
    for initiative_id, submitted, to_status, decided_at in changes:
        if current is None or current[0] != initiative_id:
            current = (initiative_id, Status.SUBMITTED.value, submitted)
        stays[current[1]].append((decided_at - current[2]).total_seconds() / 86400)
        current = (initiative_id, to_status, decided_at)
    stage_rows = []
    for status in (Status.SUBMITTED, Status.IN_CONVERSATION, Status.COACHED):
        days = stays.get(status.value, [])
        stage_rows.append(
            {
                "stage": status.value,
                "stage_label": str(status.label),
                "initiatives": privacy.count(len(days)),
                "median_days": privacy.derived(round(statistics.median(days), 1) if days else None, len(days)),
                "p90_days": privacy.derived(round(_percentile(days, 0.9), 1) if days else None, len(days)),
            }
        )
    stages = Table(
        "tijd-per-fase",
        _("Tijd in elke fase (kalenderdagen, afgeronde verblijven)"),
        [
            ("stage_label", _("Fase")),
            ("initiatives", _("Initiatieven")),
            ("median_days", _("Mediaan")),
            ("p90_days", _("90e percentiel")),
        ],
        stage_rows,
    )

    agreements = Agreement.objects.filter(
        initiative__municipality=municipality,
        initiative__is_hidden=False,
        due_date__gte=period.start,
        due_date__lte=period.end,
    )
    if public:
        agreements = agreements.filter(is_public=True)
    if period.neighbourhood is not None:
        agreements = agreements.filter(initiative__neighbourhood=period.neighbourhood)
    tally = {
        (row["party"], row["state"]): row["n"]
        for row in agreements.annotate(
            state=_agreement_state(today),
        )
        .values("party", "state")
        .annotate(n=Count("pk"))
        .order_by()
    }
    agreement_rows = [
        {
            "party": party.value,
            "party_label": str(party.label),
            **{state: tally.get((party.value, state), 0) for state in ("done", "missed", "overdue", "open")},
        }
        for party in Agreement.Party
    ]
    agreement_table = Table(
        "afspraken",
        _("Afspraken met een termijn in de periode"),
        [
            ("party_label", _("Wie")),
            ("done", _("Gedaan")),
            ("missed", _("Niet gehaald")),
            ("overdue", _("Over de termijn, nog open")),
            ("open", _("Nog open")),
        ],
        agreement_rows,
        note=_("Afspraken zijn werk van de gemeente en de teams, geen groep personen: ze worden niet afgeschermd."),
    )
    evaluations = ExperimentSpace.objects.filter(
        obstacle__rule__municipality=municipality,
        obstacle__initiative__is_hidden=False,
        evaluation_date__lte=period.end,
    )
    if period.neighbourhood is not None:
        evaluations = evaluations.filter(obstacle__initiative__neighbourhood=period.neighbourhood)
    ev = evaluations.aggregate(
        evaluated=Count("pk", filter=Q(evaluated_at__isnull=False)),
        overdue=Count("pk", filter=Q(evaluated_at__isnull=True, evaluation_date__lt=today)),
        due=Count("pk", filter=Q(evaluated_at__isnull=True, evaluation_date__gte=today)),
    )
    evaluation_table = Table(
        "evaluaties",
        _("Evaluaties van experimenteerruimte"),
        [("evaluated", _("Geëvalueerd")), ("overdue", _("Te laat")), ("due", _("Nog te doen"))],
        [ev],
    )
    tables = [response, stages, agreement_table, evaluation_table]
    if has_rights(municipality):
        tables.append(rights_terms(municipality=municipality, period=period, today=today))
    return {
        "tables": tables,
        "response": {r["figure"]: r["value"] for r in response.rows},
    }


def rights_terms(*, municipality, period: Period, today: datetime.date | None = None) -> Table:
    """Buurtrecht requests decided in the period, and how many within their decision term.

    Whether a term was kept is the rights app's own reckoning (`clocks_of`, with its
    suspensions and extensions), never re-derived here. Deciding is the municipality's work,
    not a group of people: these counts are not suppressed (as agreements are not).
    """
    from samenspel.rights.models import Right, RightRequest, State
    from samenspel.rights.selectors import clocks_of

    today = today or timezone.localdate()
    decided = (
        RightRequest.objects.visible()
        .for_municipality(municipality)
        .filter(
            state__in=[State.DECIDED, State.INADMISSIBLE],
            decided_on__gte=period.start,
            decided_on__lte=period.end,
        )
        .select_related("terms")
        .prefetch_related("suspensions", "extensions")
    )
    if period.neighbourhood is not None:
        decided = decided.filter(neighbourhood=period.neighbourhood)
    tally = {code: [0, 0] for code in Right.values}
    for request in decided:
        clocks = clocks_of(request, today=today)
        tally[request.right][0] += 1
        tally[request.right][1] += 1 if clocks is not None and clocks.decision.kept else 0
    rows = []
    for code, (n, kept) in tally.items():
        rows.append(
            {
                "right": code,
                "right_label": str(Right(code).label),
                "decided": n,
                "within_term": kept,
                "share_within_term_percent": round(100 * kept / n) if n else None,
            }
        )
    n, kept = sum(v[0] for v in tally.values()), sum(v[1] for v in tally.values())
    rows.append(
        {
            "right": "all",
            "right_label": str(_("Alle buurtrechten")),
            "decided": n,
            "within_term": kept,
            "share_within_term_percent": round(100 * kept / n) if n else None,
        }
    )
    return Table(
        "buurtrecht-termijnen",
        _("Buurtrechtverzoeken besloten in de periode: binnen de beslistermijn"),
        [
            ("right_label", _("Buurtrecht")),
            ("decided", _("Besloten")),
            ("within_term", _("Binnen de termijn")),
            ("share_within_term_percent", _("Binnen de termijn (%)")),
        ],
        rows,
        note=_(
            "Besluiten op verzoeken zijn werk van de gemeente, geen groep personen: ze worden niet afgeschermd. "
            "De termijn telt opschortingen en verlengingen mee, zoals de buurtrechten ze bijhouden."
        ),
    )


def _agreement_state(today):
    from django.db.models import Case, CharField, Value, When

    return Case(
        When(status="done", then=Value("done")),
        When(status="missed", then=Value("missed")),
        When(due_date__lt=today, then=Value("overdue")),
        default=Value("open"),
        output_field=CharField(),
    )


# --- What blocks and what works --------------------------------------------------------


def blocks(*, municipality, period: Period) -> dict:
    from samenspel.coaching.models import Outcome, Rule
    from samenspel.marketplace.models import Category, ListingStatus, Need

    in_period = Q(
        obstacles__recorded_at__gte=period.start_dt,
        obstacles__recorded_at__lt=period.end_dt,
        obstacles__initiative__is_hidden=False,
    )
    if period.neighbourhood is not None:
        in_period &= Q(obstacles__initiative__neighbourhood=period.neighbourhood)

    def outcome(value):
        return Count("obstacles", filter=in_period & Q(obstacles__outcome=value), distinct=True)

    ranked = (
        Rule.objects.filter(municipality=municipality)
        .annotate(
            blocked=Count("obstacles__initiative", filter=in_period, distinct=True),
            **{o.value: outcome(o.value) for o in Outcome},
        )
        .filter(blocked__gt=0)
        .order_by("-blocked", "title")[:10]
    )
    rule_rows = [
        {
            "rule": r.title,
            "reference": r.reference,
            "blocked": r.blocked,
            **{o.value: getattr(r, o.value) for o in Outcome},
        }
        for r in ranked
    ]
    rule_table = Table(
        "regelknelpunten",
        _("Regels die het vaakst blokkeren, en wat ermee gebeurde"),
        [("rule", _("Regel")), ("blocked", _("Initiatieven geblokkeerd"))] + [(o.value, o.label) for o in Outcome],
        rule_rows,
        note=_(
            "Regels en hun uitkomsten zijn besluiten van de gemeente, geen groep personen: ze worden niet afgeschermd."
        ),
    )

    needs = Need.objects.filter(municipality=municipality, created__lt=period.end_dt).exclude(
        initiative__is_hidden=True
    )
    if period.neighbourhood is not None:
        needs = needs.filter(neighbourhood=period.neighbourhood)
    grouped = (
        needs.values("category")
        .annotate(
            open=Count("pk", filter=Q(status=ListingStatus.OPEN)),
            met=Count("pk", filter=Q(status=ListingStatus.MET)),
        )
        .order_by()
    )
    by_category = {row["category"]: row for row in grouped}
    need_rows = []
    for category in Category:
        row = by_category.get(category.value, {"open": 0, "met": 0})
        settled = row["open"] + row["met"]
        need_rows.append(
            {
                "category": category.value,
                "category_label": str(category.label),
                "open": privacy.count(row["open"]),
                "met": privacy.count(row["met"]),
                "share_met_percent": privacy.derived(round(100 * row["met"] / settled) if settled else None, settled),
            }
        )
    need_table = Table(
        "open-vragen-per-soort",
        _("Vragen per soort: open en vervuld"),
        [
            ("category_label", _("Soort")),
            ("open", _("Open")),
            ("met", _("Vervuld")),
            ("share_met_percent", _("Vervuld (%)")),
        ],
        need_rows,
    )
    area_counts = dict(
        needs.filter(status=ListingStatus.OPEN, neighbourhood__isnull=False)
        .values("neighbourhood__name")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("neighbourhood__name", "n")
    )
    shown = privacy.suppress_group(
        {a.name: area_counts.get(a.name, 0) for a in municipality.neighbourhoods.order_by("name")}
    )
    area_table = Table(
        "open-vragen-per-wijk",
        _("Open vragen per wijk"),
        [("neighbourhood", _("Wijk")), ("open", _("Open vragen"))],
        [{"neighbourhood": name, "open": n} for name, n in shown.items()],
    )
    tables = [rule_table, need_table, area_table]
    tables += experiments(municipality=municipality, period=period)
    tables += adoptions(municipality=municipality, period=period)
    return {"tables": tables, "experiments_app": True}


def experiments(*, municipality, period: Period, today: datetime.date | None = None) -> list[Table]:
    """Experiments evaluated in the period by outcome and by decision, and where evaluations stand.

    Experiments and their evaluations are the municipality's work, not a group of people:
    not suppressed. A neighbourhood filter reaches experiments through their rule obstacle's
    initiative (an experiment without one belongs to no neighbourhood).
    """
    from samenspel.experiments.models import Experiment, Result, Verdict

    today = today or timezone.localdate()
    rows = Experiment.objects.for_municipality(municipality)
    if period.neighbourhood is not None:
        rows = rows.filter(obstacle__initiative__neighbourhood=period.neighbourhood)
    evaluated = rows.filter(evaluated_at__gte=period.start_dt, evaluated_at__lt=period.end_dt)
    tally = {
        (row["result"], row["verdict"]): row["n"]
        for row in evaluated.values("result", "verdict").annotate(n=Count("pk")).order_by()
    }
    outcome_rows = [
        {
            "result": result.value,
            "result_label": str(result.label),
            **{verdict.value: tally.get((result.value, verdict.value), 0) for verdict in Verdict},
            "total": sum(tally.get((result.value, v.value), 0) for v in Verdict),
        }
        for result in Result
    ]
    outcome_table = Table(
        "experimenten-uitkomsten",
        _("Experimenten geëvalueerd in de periode: uitkomst en besluit"),
        [("result_label", _("Uitkomst"))] + [(v.value, v.label) for v in Verdict] + [("total", _("Totaal"))],
        outcome_rows,
        note=_("Experimenten en hun evaluaties zijn werk van de gemeente, geen groep personen."),
    )
    state = rows.filter(start_date__lte=period.end).aggregate(
        evaluated=Count("pk", filter=Q(evaluated_at__isnull=False, evaluated_at__lt=period.end_dt)),
        overdue=Count("pk", filter=Q(evaluated_at__isnull=True, evaluation_date__lt=today)),
        due=Count("pk", filter=Q(evaluated_at__isnull=True, evaluation_date__gte=today)),
    )
    state_table = Table(
        "experimenten-evaluaties",
        _("Evaluaties van experimenten"),
        [("evaluated", _("Geëvalueerd")), ("overdue", _("Te laat")), ("due", _("Nog te doen"))],
        [state],
    )
    return [outcome_table, state_table]


def adoptions(*, municipality, period: Period) -> list[Table]:
    """Practices other municipalities took up from this one, and those this one took up from others.

    An adoption is a municipality's decision, named by municipality and practice: no people.
    """
    from samenspel.practices.models import Adoption, Practice

    in_period = Adoption.objects.filter(
        practice__status=Practice.Status.PUBLISHED,
        adopted_at__gte=period.start_dt,
        adopted_at__lt=period.end_dt,
    ).select_related("practice__municipality", "municipality")
    from_here = in_period.filter(practice__municipality=municipality).exclude(municipality=municipality)
    by_here = in_period.filter(municipality=municipality).exclude(practice__municipality=municipality)
    columns = [("practice", _("Aanpak")), ("other", _("Gemeente")), ("date", _("Datum"))]
    return [
        Table(
            "overgenomen-van-ons",
            _("Aanpakken van deze gemeente die andere gemeenten overnamen"),
            columns,
            [
                {"practice": a.practice.title, "other": a.municipality.name, "date": _week(a.adopted_at).isoformat()}
                for a in from_here.order_by("adopted_at", "pk")
            ],
        ),
        Table(
            "overgenomen-door-ons",
            _("Aanpakken van andere gemeenten die deze gemeente overnam"),
            columns,
            [
                {
                    "practice": a.practice.title,
                    "other": a.practice.municipality.name,
                    "date": _week(a.adopted_at).isoformat(),
                }
                for a in by_here.order_by("adopted_at", "pk")
            ],
        ),
    ]


# --- Topics ----------------------------------------------------------------------------


def latest_topics(*, municipality, period: Period | None = None):
    """The topics of exactly this period when they were found, else the newest found for the municipality."""
    from .models import TopicRun

    done = TopicRun.objects.filter(municipality=municipality, status=TopicRun.Status.DONE).order_by(
        "-computed_at", "-pk"
    )
    if period is not None:
        exact = done.filter(period_start=period.start, period_end=period.end).first()
        if exact is not None:
            return exact
    return done.first()


def topics_table(run) -> Table:
    rows = []
    for topic in run.topics if run else []:
        rows.append(
            {
                "label": topic["label"],
                "top_words": ", ".join(topic["top_words"][:8]),
                "size": privacy.count(topic["size"]),
                "emerging": topic["emerging"],
            }
        )
    return Table(
        "onderwerpen",
        _("Onderwerpen in wat inwoners schrijven"),
        [
            ("label", _("Onderwerp")),
            ("top_words", _("Kenmerkende woorden")),
            ("size", _("Teksten")),
            ("emerging", _("Opkomend")),
        ],
        rows,
    )


# How long computed figures are kept (seconds). Every figure is computed in the database, but
# at city scale (a million statement votes) the whole set still takes most of a second; kept
# this long, a page answers from the cache and its figures are at most this old (said on the
# page). Expiry, not invalidation: nothing has to remember which figures a write touches.
CACHE_SECONDS = 300


def _figures(*, municipality, period: Period, public: bool) -> dict:
    return {
        "energy": energy(municipality=municipality, period=period),
        "reach": reach(municipality=municipality, period=period),
        "promises": promises(municipality=municipality, period=period, public=public),
        "blocks": blocks(municipality=municipality, period=period),
        "has_rights": has_rights(municipality),
        "computed_at": timezone.now(),
    }


def _cache_key(*, municipality, period: Period, public: bool) -> str:
    from django.utils.translation import get_language

    area = period.neighbourhood.pk if period.neighbourhood is not None else "-"
    # The date is in the key too: "today" decides what is overdue, so figures never outlive their day.
    return (
        f"insights:figures:v1:{municipality.pk}:{period.start}:{period.end}:{area}:"
        f"{'public' if public else 'staff'}:{get_language()}:{timezone.localdate()}"
    )


def figures_store(*, municipality, period: Period, public: bool) -> dict:
    """Compute the sections now and keep them (a task warms the default period before it expires)."""
    from django.core.cache import cache

    found = _figures(municipality=municipality, period=period, public=public)
    cache.set(_cache_key(municipality=municipality, period=period, public=public), found, CACHE_SECONDS)
    return found


def figures_cached(*, municipality, period: Period, public: bool) -> dict:
    """The computed sections, from the cache when computed less than CACHE_SECONDS ago."""
    from django.core.cache import cache

    key = _cache_key(municipality=municipality, period=period, public=public)
    found = cache.get(key)
    if found is None:
        found = _figures(municipality=municipality, period=period, public=public)
        cache.set(key, found, CACHE_SECONDS)
    return found


def dashboard(*, municipality, period: Period, public: bool, cached: bool = True) -> dict:
    """Every section, as the dashboard page, the CSV files and the API read them.

    The topics are read fresh (one row), so a refresh the staff asked for shows at once.
    """
    read = figures_cached if cached else _figures
    sections = dict(read(municipality=municipality, period=period, public=public))
    run = latest_topics(municipality=municipality, period=period)
    sections["topic_run"] = run
    sections["topics"] = topics_table(run)
    return sections


def all_tables(sections: dict) -> list[Table]:
    tables = []
    for key in ("energy", "reach", "promises", "blocks"):
        tables.extend(sections[key]["tables"])
    tables.append(sections["topics"])
    return tables
