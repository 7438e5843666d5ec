"""Requests in every state, made through the services (so a test sees what a person would make)."""

import datetime
from decimal import Decimal

from samenspel.rights import services
from samenspel.rights.defaults import CRITERIA, PARTS
from samenspel.rights.models import Outcome, State, Verdict

SINCE = datetime.date(2025, 1, 1)

PART_TEXTS = {
    "task": "Wij willen buurthuis De Linde zelf beheren en programmeren, met het budget dat de gemeente er nu aan besteedt.",
    "better": "Vrijwilligers uit de wijk houden het huis langer open en kennen de bewoners; dat is goedkoper en dichterbij.",
    "experience": "Onze stichting draait al tien jaar de activiteiten in het buurthuis en heeft een penningmeester met ervaring.",
    "support": "Meer dan tweehonderd bewoners tekenden onze oproep; de huurdersvereniging steunt het plan.",
    "costs": "Beheer en schoonmaak kosten € 48.000 per jaar; de gemeente besteedt nu € 55.000.",
    "cooperation": "Wij vragen de gemeente het groot onderhoud te blijven doen en ons te helpen met de verzekering.",
    "continuity": "Een vast bestuur van vijf mensen, een reserve voor tegenvallers en een jaarlijks verslag aan de wijk.",
    "function": "Een zorgcoöperatie met dagbesteding en ontmoeting voor ouderen uit de wijk.",
    "design": "Een plein met bomen, bankjes, een jeu-de-boulesbaan en minder parkeerplaatsen, getekend met de buurt.",
}


def adopt(municipality, admin=None, **kwargs):
    return services.ordinance_adopt(
        municipality=municipality,
        reference=kwargs.pop("reference", "Participatieverordening Lindeveen 2025"),
        adopted_on=kwargs.pop("adopted_on", datetime.date(2024, 12, 12)),
        in_force_from=kwargs.pop("in_force_from", SINCE),
        adopted_by=admin,
        allow_past=kwargs.pop("allow_past", True),
        **kwargs,
    )


def draft(municipality, submitter, *, right="challenge", **kwargs):
    data = {
        "title": "Bewoners beheren buurthuis De Linde",
        "submitter_kind": "residents",
        "group_name": "Stichting Bewoners De Linde",
        "contact_email": "geheim.contact@voorbeeld.test",
        "contact_phone": "06-12345678",
        "parts": dict(PART_TEXTS),
        "budget_asked": Decimal("48000.00"),
    }
    data.update(kwargs)
    return services.request_save_draft(municipality=municipality, submitted_by=submitter, right=right, **data)


def scores_all(request, verdict=Verdict.MET):
    return {code: (verdict, f"Toelichting bij {CRITERIA[code]}") for code in request.terms.criteria}


def in_state(municipality, submitter, staff, admin, state, *, granted=True, agreement=False, **kwargs):
    """A request brought to `state` by the services; `admin` decides."""
    request = draft(municipality, submitter, **kwargs)
    if state == State.DRAFT:
        return request
    services.request_submit(request=request, submitted_by=submitter)
    if state == State.SUBMITTED:
        return _fresh(request)
    services.admissibility_decide(request=request, admissible=True, reasons="", decided_by=staff)
    if state == State.PUBLIC:
        return _fresh(request)
    services.assessment_start(request=request, started_by=staff)
    if state == State.ASSESSMENT:
        return _fresh(request)
    services.criteria_score(request=request, scores=scores_all(request), assessed_by=staff)
    if not granted:
        services.hearing_record(
            request=request, held_on=datetime.date.today(), summary="De stichting lichtte toe.", recorded_by=staff
        )
    services.request_decide(
        request=request,
        outcome=Outcome.GRANTED if granted else Outcome.REFUSED,
        reasons="Goed onderbouwd en breed gesteund in de wijk.",
        decided_by=admin,
    )
    if agreement:
        services.agreement_create(
            request=request,
            task="Beheer en programmering van buurthuis De Linde",
            expected_results="Het huis is vijf dagen per week open; 300 bezoekers per week.",
            budget=Decimal("48000.00"),
            starts_on=datetime.date.today(),
            ends_on=datetime.date.today() + datetime.timedelta(days=730),
            reporting="Halfjaarlijks verslag; jaarrekening in april.",
            created_by=admin,
        )
    return _fresh(request)


def _fresh(request):
    from samenspel.rights.models import RightRequest

    return RightRequest.objects.get(pk=request.pk)


__all__ = ["PARTS", "adopt", "draft", "in_state", "scores_all"]
