"""Agreements in each state, made through the services (so the counters and events are as in life)."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from samenspel.funding import services
from samenspel.funding.models import State, TrancheKind


def photo(name="foto.jpg", size=(300, 300)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 140, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="presentielijst-jan-jansen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% presentielijst\n%%EOF\n", content_type="application/pdf")


def future(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


def draft(*, initiative=None, plan=None, actor, amount="9000.00", title="Moestuin op resultaat"):
    """A draft with one result and three tranches (advance 3000, 3000 at the result, 3000 at the end)."""
    agreement = services.agreement_create(
        municipality=initiative.municipality if initiative else plan.budget_round.municipality,
        initiative=initiative,
        plan=plan,
        title=title,
        purpose="Een moestuin waar de buurt samen groente kweekt.",
        amount=Decimal(amount),
        end_date=future(365),
        created_by=actor,
    )
    result = services.result_add(
        agreement=agreement,
        description="Twintig buurtbewoners tuinieren wekelijks mee",
        indicator="aantal vaste deelnemers",
        target=20,
        evidence_required="presentielijsten en foto's",
        actor=actor,
    )
    third = (Decimal(amount) / 3).quantize(Decimal("0.01"))
    services.tranche_add(
        agreement=agreement, kind=TrancheKind.ADVANCE, label="Voorschot", amount=third, due_date=future(7), actor=actor
    )
    services.tranche_add(
        agreement=agreement,
        kind=TrancheKind.RESULT,
        label="Twintig deelnemers",
        amount=third,
        due_date=future(120),
        result=result,
        actor=actor,
    )
    services.tranche_add(
        agreement=agreement,
        kind=TrancheKind.RESULT,
        label="Laatste termijn",
        amount=Decimal(amount) - 2 * third,
        due_date=future(300),
        result=result,
        actor=actor,
    )
    return agreement


def in_state(state, *, initiative, staff, admin, team_user):
    """An agreement of `initiative` in `state`, the team's report accepted once granted."""
    agreement = draft(initiative=initiative, actor=staff)
    if state == State.DRAFT:
        return agreement
    services.agreement_grant(agreement=agreement, reason="Past in het wijkplan.", granted_by=staff)
    if state == State.GRANTED:
        return agreement
    services.final_report_submit(
        agreement=agreement, report="Alles gedaan.", spent_amount=Decimal("6000.00"), submitted_by=team_user
    )
    if state == State.FINAL_REPORT:
        return agreement
    services.agreement_settle(
        agreement=agreement, settled_amount=Decimal("6000.00"), reason="Volgens eindverslag.", settled_by=admin
    )
    return agreement


def report(agreement, *, team_user, files=None):
    result = agreement.results.first()
    return services.report_submit(
        result=result,
        measured_value=Decimal("22"),
        story="Elke zaterdag tuinieren er meer dan twintig buren mee.",
        files=files if files is not None else [photo()],
        submitted_by=team_user,
    )
