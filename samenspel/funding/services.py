"""Writes of result funding: every step has a reason and an audit record.

The money rules hold in two places. The services check them and say why in Dutch; the
database refuses what slips past (two requests at once): the agreement row is locked with
`select_for_update` before its counters move, the counters carry check constraints, and a
release is an event the database lets exist once per tranche.
"""

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samenspel.audit.services import audit_record
from samenspel.core.formats import money
from samenspel.initiatives.images import image_clean
from samenspel.notifications.sentences import Sentence
from samenspel.notifications.services import notification_send

from . import selectors
from .models import (
    CENT,
    AgreedResult,
    EvidenceFile,
    FundingAgreement,
    ReportState,
    ResultReport,
    State,
    Tranche,
    TrancheEvent,
    TrancheKind,
    TrancheState,
)
from .rules import TABLE

MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _amount(value, field: str) -> Decimal:
    """A positive amount in whole cents; a fraction of a cent is refused, never rounded away."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({field: _("Geef een bedrag in euro's, bijvoorbeeld 1250,50.")}) from error
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("Het bedrag moet groter zijn dan nul.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("Een bedrag heeft hooguit twee cijfers achter de komma.")})
    return amount


def _require_phase(agreement: FundingAgreement, action: str) -> None:
    if not TABLE.allows_now(agreement, action):
        raise ValidationError(
            _("Dat kan niet bij een afspraak in de stand “%(state)s”.") % {"state": agreement.get_state_display()}
        )


def _locked(agreement: FundingAgreement) -> FundingAgreement:
    """The agreement row, locked until the end of the transaction; the caller's copy is refreshed."""
    fresh = FundingAgreement.objects.select_for_update().get(pk=agreement.pk)
    for field in ("state", "tranches_total", "released_total", "amount"):
        setattr(agreement, field, getattr(fresh, field))
    return agreement


def _audit(agreement: FundingAgreement, *, actor, action: str, summary: str, reason: str = "", target=None, **data):
    return audit_record(
        municipality=agreement.municipality,
        actor=actor,
        action=f"funding.{action}",
        summary=summary,
        target=target or agreement,
        reason=reason,
        data={"agreement": agreement.pk, **{k: str(v) if isinstance(v, Decimal) else v for k, v in data.items()}},
    )


def _team_users(agreement: FundingAgreement) -> list:
    if agreement.right_request_id:
        request = agreement.right_request
        people = list(request.co_submitters.all())
        return [request.submitted_by, *people] if request.submitted_by_id else people
    initiative = agreement.team_initiative
    if initiative is not None:
        return [m.user for m in initiative.team.exclude(user=None).exclude(accepted_at=None).select_related("user")]
    return [agreement.plan.author] if agreement.plan_id and agreement.plan.author_id else []


def _notify_team(agreement: FundingAgreement, *, sentence: Sentence, body: str, actor) -> None:
    notification_send(
        users=_team_users(agreement),
        title=sentence,
        body=body,
        url=agreement.get_absolute_url(),
        municipality=agreement.municipality,
        exclude=actor,
        subject=agreement,
    )


# --- Preparing and granting ---------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *,
    municipality,
    title: str,
    purpose: str,
    amount,
    end_date: date,
    created_by,
    initiative=None,
    plan=None,
    right_request=None,
    repay_unearned: bool = True,
) -> FundingAgreement:
    """A draft agreement for one initiative, funded budget plan or granted buurtrecht request of this municipality."""
    if [initiative, plan, right_request].count(None) != 2:
        raise ValidationError(
            _("Kies precies één initiatief, één plan uit de burgerbegroting of één buurtrechtverzoek.")
        )
    if plan is not None and not selectors.is_funded_plan(plan):
        raise ValidationError({"plan": _("Alleen een plan dat in de uitslag van de burgerbegroting gefinancierd is.")})
    if right_request is not None and not right_request.is_granted:
        raise ValidationError({"right_request": _("Alleen een toegekend buurtrechtverzoek.")})
    agreement = FundingAgreement(
        municipality=municipality,
        initiative=initiative,
        plan=plan,
        right_request=right_request,
        title=_text(title, "title", _("Geef de afspraak een naam.")),
        purpose=_text(purpose, "purpose", _("Beschrijf waarvoor het geld is.")),
        amount=_amount(amount, "amount"),
        end_date=end_date,
        repay_unearned=repay_unearned,
        created_by=created_by,
    )
    if end_date is None or end_date <= timezone.localdate():
        raise ValidationError({"end_date": _("De looptijd eindigt in de toekomst.")})
    agreement.full_clean()
    agreement.save()
    _audit(
        agreement,
        actor=created_by,
        action="create",
        summary=_("Financieringsafspraak “%(title)s” opgesteld (%(amount)s)")
        % {"title": agreement.title, "amount": money(agreement.amount)},
        amount=agreement.amount,
        source=agreement.source_kind,
    )
    return agreement


@transaction.atomic
def result_add(
    *, agreement: FundingAgreement, description: str, indicator: str, target, evidence_required: str, actor
) -> AgreedResult:
    _locked(agreement)
    _require_phase(agreement, "change")
    try:
        target = Decimal(str(target))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({"target": _("Geef de streefwaarde als getal.")}) from error
    if not target.is_finite() or target <= 0:
        raise ValidationError({"target": _("De streefwaarde moet groter zijn dan nul.")})
    position = (agreement.results.aggregate(n=Max("position"))["n"] or 0) + 1
    result = AgreedResult(
        agreement=agreement,
        description=_text(description, "description", _("Beschrijf het resultaat.")),
        indicator=_text(indicator, "indicator", _("Geef aan waaraan het resultaat te zien is.")),
        target=target,
        evidence_required=_text(evidence_required, "evidence_required", _("Geef aan welk bewijs telt.")),
        position=position,
    )
    result.full_clean()
    result.save()
    _audit(
        agreement,
        actor=actor,
        action="result",
        summary=_("Resultaat “%(result)s” afgesproken") % {"result": result.description},
        result=result.pk,
    )
    return result


@transaction.atomic
def tranche_add(
    *, agreement: FundingAgreement, kind: str, label: str, amount, due_date: date, actor, result=None
) -> Tranche:
    """A tranche in a draft; all tranches together never exceed the agreement."""
    _locked(agreement)
    _require_phase(agreement, "change")
    amount = _amount(amount, "amount")
    if kind not in TrancheKind.values:
        raise ValidationError({"kind": _("Kies voorschot of bij resultaat.")})
    if kind == TrancheKind.RESULT and result is None:
        raise ValidationError({"result": _("Een termijn bij resultaat hoort bij een afgesproken resultaat.")})
    if kind == TrancheKind.ADVANCE:
        result = None
        if agreement.tranches.filter(kind=TrancheKind.ADVANCE).exists():
            raise ValidationError({"kind": _("Deze afspraak heeft al een voorschot.")})
    if result is not None and result.agreement_id != agreement.pk:
        raise ValidationError({"result": _("Dit resultaat hoort bij een andere afspraak.")})
    if agreement.tranches_total + amount > agreement.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Samen met de andere termijnen (%(planned)s) komt dit boven de verlening van %(total)s; "
                    "er is nog %(left)s over."
                )
                % {
                    "planned": money(agreement.tranches_total),
                    "total": money(agreement.amount),
                    "left": money(agreement.amount - agreement.tranches_total),
                }
            }
        )
    position = (agreement.tranches.aggregate(n=Max("position"))["n"] or 0) + 1
    tranche = Tranche(
        agreement=agreement,
        position=position,
        kind=kind,
        label=_text(label, "label", _("Geef de termijn een omschrijving.")),
        amount=amount,
        result=result,
        due_date=due_date,
    )
    tranche.full_clean()
    tranche.save()
    # The counter moves in the database; its check constraint is the last word on the total.
    FundingAgreement.objects.filter(pk=agreement.pk).update(tranches_total=F("tranches_total") + amount)
    agreement.refresh_from_db(fields=["tranches_total"])
    _audit(
        agreement,
        actor=actor,
        action="tranche",
        summary=_("Termijn “%(label)s” van %(amount)s gepland") % {"label": tranche.label, "amount": money(amount)},
        amount=amount,
        tranche=tranche.pk,
    )
    return tranche


@transaction.atomic
def agreement_grant(*, agreement: FundingAgreement, reason: str, granted_by) -> FundingAgreement:
    """Verlening: the results and the tranches are complete and add up to the amount."""
    _locked(agreement)
    _require_phase(agreement, "grant")
    reason = _text(reason, "reason", _("Onderbouw de verlening; die is openbaar."))
    if not agreement.results.exists():
        raise ValidationError(_("Spreek eerst ten minste één resultaat af."))
    if agreement.tranches_total != agreement.amount:
        raise ValidationError(
            _("De termijnen tellen op tot %(planned)s; de verlening is %(total)s. Die moeten gelijk zijn.")
            % {"planned": money(agreement.tranches_total), "total": money(agreement.amount)}
        )
    agreement.state = State.GRANTED
    agreement.granted_at = timezone.now()
    agreement.grant_reason = reason
    agreement.full_clean()
    agreement.save(update_fields=["state", "granted_at", "grant_reason"])
    _audit(
        agreement,
        actor=granted_by,
        action="grant",
        summary=_("Financieringsafspraak “%(title)s” verleend: %(amount)s")
        % {"title": agreement.title, "amount": money(agreement.amount)},
        reason=reason,
        amount=agreement.amount,
    )
    _notify_team(
        agreement,
        sentence=Sentence(gettext_noop("De gemeente heeft “%(agreement)s” verleend."), agreement=agreement.title),
        body=reason,
        actor=granted_by,
    )
    return agreement


# --- Reporting and reviewing --------------------------------------------------------------


def _clean_file(upload) -> tuple[ContentFile, str, str]:
    """(cleaned content, kind, content type) of one upload, or a Dutch ValidationError."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError({"files": _("Een bijlage is te groot: maximaal 5 MB per bestand.")})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        # The name is ours: an uploader's file name may carry a person's name.
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf"), EvidenceFile.Kind.DOCUMENT, "application/pdf"
    try:
        clean = image_clean(upload)  # re-encoded: no EXIF, no GPS position of someone's home
    except ValidationError as error:
        raise ValidationError(
            {"files": _("Een bijlage is een foto (JPEG, PNG of WebP) of een PDF-document.")}
        ) from error
    extension = clean.name.rsplit(".", 1)[-1]
    types = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    return clean, EvidenceFile.Kind.PHOTO, types[extension]


@transaction.atomic
def report_submit(*, result: AgreedResult, measured_value, story: str, submitted_by, files=()) -> ResultReport:
    """The team reports a result: the figure against the indicator, a short story, evidence."""
    agreement = _locked(result.agreement)
    _require_phase(agreement, "report")
    try:
        measured = Decimal(str(measured_value))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({"measured_value": _("Geef de gemeten waarde als getal.")}) from error
    if not measured.is_finite() or measured < 0:
        raise ValidationError({"measured_value": _("De gemeten waarde kan niet negatief zijn.")})
    files = list(files or [])
    if not files:
        raise ValidationError({"files": _("Voeg ten minste één foto of document toe als bewijs.")})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("Voeg hooguit %(n)s bijlagen toe.") % {"n": MAX_FILES}})
    if result.reports.filter(state=ReportState.SUBMITTED).exists():
        raise ValidationError(_("Er ligt al een verslag van dit resultaat bij de coach."))
    cleaned = [_clean_file(upload) for upload in files]
    report = ResultReport(
        result=result,
        measured_value=measured.quantize(CENT),
        story=_text(story, "story", _("Vertel in een paar zinnen wat er is bereikt.")),
        submitted_by=submitted_by,
    )
    report.full_clean()
    report.save()
    for content, kind, content_type in cleaned:
        evidence = EvidenceFile(report=report, kind=kind, content_type=content_type, size=content.size)
        evidence.file.save(content.name, content, save=False)
        evidence.save()
    _audit(
        agreement,
        actor=submitted_by,
        action="report",
        summary=_("Verslag van resultaat “%(result)s” ingediend") % {"result": result.description},
        target=result,
        measured=measured,
        files=len(cleaned),
    )
    coach = agreement.coach
    if coach is not None:
        notification_send(
            users=[coach],
            title=Sentence(gettext_noop("Nieuw resultaatverslag bij “%(agreement)s”"), agreement=agreement.title),
            url=agreement.get_absolute_url(),
            municipality=agreement.municipality,
            exclude=submitted_by,
            subject=agreement,
        )
    return report


@transaction.atomic
def report_review(*, report: ResultReport, accept: bool, note: str, reviewed_by) -> ResultReport:
    agreement = _locked(report.result.agreement)
    _require_phase(agreement, "review")
    report = ResultReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Dit verslag is al beoordeeld."))
    note = _text(
        note,
        "note",
        _("Licht de beoordeling toe: wat het bewijs laat zien.") if accept else _("Zeg het team wat er nog ontbreekt."),
    )
    report.state = ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.review_note = note
    report.reviewed_by = reviewed_by
    report.reviewed_at = timezone.now()
    report.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])
    _audit(
        agreement,
        actor=reviewed_by,
        action="review",
        summary=(_("Verslag van “%(result)s” goedgekeurd") if accept else _("Verslag van “%(result)s” teruggestuurd"))
        % {"result": report.result.description},
        reason=note,
        target=report.result,
        report=report.pk,
        accepted=accept,
    )
    _notify_team(
        agreement,
        sentence=Sentence(
            gettext_noop("Uw verslag van “%(result)s” is goedgekeurd.")
            if accept
            else gettext_noop("Uw verslag van “%(result)s” is teruggestuurd."),
            result=report.result.description,
        ),
        body=note,
        actor=reviewed_by,
    )
    return report


# --- Paying: release, hold, adjust ----------------------------------------------------------


def _locked_tranche(tranche: Tranche) -> tuple[FundingAgreement, Tranche]:
    agreement = _locked(tranche.agreement)
    fresh = Tranche.objects.select_for_update(of=("self",)).select_related("result").get(pk=tranche.pk)
    fresh.agreement = agreement
    return agreement, fresh


@transaction.atomic
def tranche_release(*, tranche: Tranche, reason: str, released_by) -> Tranche:
    """Pay a tranche out, once: with a reason, and for a result tranche on accepted evidence."""
    agreement, tranche = _locked_tranche(tranche)
    _require_phase(agreement, "release")
    reason = _text(reason, "reason", _("Geef een reden voor het vrijgeven; die is openbaar."))
    if tranche.state == TrancheState.RELEASED:
        raise ValidationError(_("Deze termijn is al vrijgegeven."))
    if not tranche.is_open:
        raise ValidationError(_("Deze termijn is vervallen."))
    if not tranche.has_evidence:
        raise ValidationError(
            _(
                "Er is nog geen goedgekeurd bewijs voor het resultaat “%(result)s”; de coach beoordeelt het verslag eerst."
            )
            % {"result": tranche.result.description}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            TrancheEvent.objects.create(
                tranche=tranche,
                action=TrancheEvent.Action.RELEASE,
                reason=reason,
                amount_before=tranche.amount,
                amount_after=tranche.amount,
                actor=released_by,
                created=now,
            )
    except IntegrityError as error:  # the database's word when the lock was not enough
        raise ValidationError(_("Deze termijn is al vrijgegeven.")) from error
    changed = Tranche.objects.filter(pk=tranche.pk, state__in=[TrancheState.PLANNED, TrancheState.HELD]).update(
        state=TrancheState.RELEASED, released_at=now, reason=reason
    )
    if changed != 1:
        raise ValidationError(_("Deze termijn is al vrijgegeven."))
    FundingAgreement.objects.filter(pk=agreement.pk).update(released_total=F("released_total") + tranche.amount)
    tranche.refresh_from_db()
    agreement.refresh_from_db(fields=["released_total"])
    _audit(
        agreement,
        actor=released_by,
        action="release",
        summary=_("Termijn “%(label)s” van %(amount)s vrijgegeven")
        % {"label": tranche.label, "amount": money(tranche.amount)},
        reason=reason,
        target=tranche,
        amount=tranche.amount,
    )
    _notify_team(
        agreement,
        sentence=Sentence(
            gettext_noop("Termijn “%(tranche)s” van “%(agreement)s” is vrijgegeven."),
            tranche=tranche.label,
            agreement=agreement.title,
        ),
        body=reason,
        actor=released_by,
    )
    return tranche


@transaction.atomic
def tranche_hold(*, tranche: Tranche, reason: str, held_by) -> Tranche:
    agreement, tranche = _locked_tranche(tranche)
    _require_phase(agreement, "hold")
    reason = _text(reason, "reason", _("Zeg waarom de termijn wordt aangehouden; het team leest het."))
    if tranche.state != TrancheState.PLANNED:
        raise ValidationError(_("Alleen een geplande termijn kan worden aangehouden."))
    TrancheEvent.objects.create(
        tranche=tranche,
        action=TrancheEvent.Action.HOLD,
        reason=reason,
        amount_before=tranche.amount,
        amount_after=tranche.amount,
        actor=held_by,
    )
    tranche.state = TrancheState.HELD
    tranche.reason = reason
    tranche.save(update_fields=["state", "reason"])
    _audit(
        agreement,
        actor=held_by,
        action="hold",
        summary=_("Termijn “%(label)s” aangehouden") % {"label": tranche.label},
        reason=reason,
        target=tranche,
        amount=tranche.amount,
    )
    _notify_team(
        agreement,
        sentence=Sentence(
            gettext_noop("Termijn “%(tranche)s” van “%(agreement)s” is aangehouden."),
            tranche=tranche.label,
            agreement=agreement.title,
        ),
        body=reason,
        actor=held_by,
    )
    return tranche


@transaction.atomic
def tranche_adjust(*, tranche: Tranche, amount, reason: str, adjusted_by) -> Tranche:
    """A new amount for an open tranche (a result partly reached); the total stays within the agreement."""
    agreement, tranche = _locked_tranche(tranche)
    _require_phase(agreement, "adjust")
    amount = _amount(amount, "amount")
    reason = _text(reason, "reason", _("Zeg waarom het bedrag verandert; het team leest het."))
    if not tranche.is_open:
        raise ValidationError(_("Een vrijgegeven of vervallen termijn verandert niet meer."))
    if amount == tranche.amount:
        raise ValidationError({"amount": _("Dit is het bedrag dat de termijn al heeft.")})
    difference = amount - tranche.amount
    if agreement.tranches_total + difference > agreement.amount:
        raise ValidationError(
            {
                "amount": _("Dan komen de termijnen samen boven de verlening van %(total)s; er is nog %(left)s over.")
                % {"total": money(agreement.amount), "left": money(agreement.amount - agreement.tranches_total)}
            }
        )
    TrancheEvent.objects.create(
        tranche=tranche,
        action=TrancheEvent.Action.ADJUST,
        reason=reason,
        amount_before=tranche.amount,
        amount_after=amount,
        actor=adjusted_by,
    )
    before = tranche.amount
    Tranche.objects.filter(pk=tranche.pk).update(amount=amount, reason=reason)
    FundingAgreement.objects.filter(pk=agreement.pk).update(tranches_total=F("tranches_total") + difference)
    tranche.refresh_from_db()
    agreement.refresh_from_db(fields=["tranches_total"])
    _audit(
        agreement,
        actor=adjusted_by,
        action="adjust",
        summary=_("Termijn “%(label)s” aangepast: %(before)s → %(after)s")
        % {"label": tranche.label, "before": money(before), "after": money(amount)},
        reason=reason,
        target=tranche,
        before=before,
        after=amount,
    )
    _notify_team(
        agreement,
        sentence=Sentence(
            gettext_noop("Het bedrag van termijn “%(tranche)s” van “%(agreement)s” is aangepast."),
            tranche=tranche.label,
            agreement=agreement.title,
        ),
        body=reason,
        actor=adjusted_by,
    )
    return tranche


# --- Settlement (vaststelling) ----------------------------------------------------------------


@transaction.atomic
def final_report_submit(*, agreement: FundingAgreement, report: str, spent_amount, submitted_by) -> FundingAgreement:
    _locked(agreement)
    _require_phase(agreement, "final_report")
    report = _text(report, "report", _("Schrijf het eindverslag: wat is bereikt en waaraan is het geld besteed."))
    try:
        spent = Decimal(str(spent_amount))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({"spent_amount": _("Geef het bestede bedrag in euro's.")}) from error
    if not spent.is_finite() or spent < 0 or spent != spent.quantize(CENT):
        raise ValidationError({"spent_amount": _("Geef het bestede bedrag in euro's en centen, niet negatief.")})
    agreement.final_report = report
    agreement.spent_amount = spent
    agreement.final_report_at = timezone.now()
    agreement.state = State.FINAL_REPORT
    agreement.full_clean()
    agreement.save(update_fields=["final_report", "spent_amount", "final_report_at", "state"])
    _audit(
        agreement,
        actor=submitted_by,
        action="final_report",
        summary=_("Eindverslag van “%(title)s” ingediend (besteed: %(spent)s)")
        % {"title": agreement.title, "spent": money(spent)},
        spent=spent,
    )
    return agreement


@transaction.atomic
def agreement_settle(*, agreement: FundingAgreement, settled_amount, reason: str, settled_by) -> FundingAgreement:
    """Vaststelling: the final amount; open tranches lapse; what was paid over it is to be paid back."""
    _locked(agreement)
    _require_phase(agreement, "settle")
    reason = _text(reason, "reason", _("Onderbouw de vaststelling; die is openbaar."))
    try:
        final = Decimal(str(settled_amount))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise ValidationError({"settled_amount": _("Geef het vastgestelde bedrag in euro's.")}) from error
    if not final.is_finite() or final < 0 or final != final.quantize(CENT):
        raise ValidationError({"settled_amount": _("Geef het vastgestelde bedrag in euro's en centen, niet negatief.")})
    if final > agreement.amount:
        raise ValidationError(
            {
                "settled_amount": _("De vaststelling is hooguit de verlening: %(total)s.")
                % {"total": money(agreement.amount)}
            }
        )
    # From the model, not agreement.tranches: a page's prefetch would bring its joins into FOR UPDATE.
    open_tranches = Tranche.objects.filter(agreement=agreement).open()
    for tranche in open_tranches.select_for_update():
        TrancheEvent.objects.create(
            tranche=tranche,
            action=TrancheEvent.Action.LAPSE,
            reason=reason,
            amount_before=tranche.amount,
            amount_after=tranche.amount,
            actor=settled_by,
        )
    open_tranches.update(state=TrancheState.LAPSED)
    overpaid = max(agreement.released_total - final, Decimal("0"))
    agreement.settled_amount = final
    agreement.repayment_amount = overpaid if agreement.repay_unearned else Decimal("0")
    agreement.settlement_reason = reason
    agreement.settled_at = timezone.now()
    agreement.state = State.SETTLED
    agreement.full_clean()
    agreement.save(update_fields=["settled_amount", "repayment_amount", "settlement_reason", "settled_at", "state"])
    _audit(
        agreement,
        actor=settled_by,
        action="settle",
        summary=_("“%(title)s” vastgesteld op %(final)s; terug te betalen %(repay)s")
        % {"title": agreement.title, "final": money(final), "repay": money(agreement.repayment_amount)},
        reason=reason,
        settled=final,
        repayment=agreement.repayment_amount,
        paid=agreement.released_total,
    )
    _notify_team(
        agreement,
        sentence=Sentence(gettext_noop("De gemeente heeft “%(agreement)s” vastgesteld."), agreement=agreement.title),
        body=reason,
        actor=settled_by,
    )
    return agreement
