"""Blocks this app contributes to other pages: an initiative's public page and the coaches' desk."""

from . import selectors


def initiative_agreements(request, initiative) -> dict | None:
    agreements = list(selectors.agreements_of_initiative(initiative=initiative))
    may_start = request.user.has_perm("funding.add_agreement", initiative.municipality)
    if not agreements and not may_start:
        return None
    return {"agreements": agreements, "may_start": may_start, "initiative": initiative}


def desk_tranches(request, municipality) -> dict | None:
    if not request.user.has_perm("funding.add_agreement", municipality):
        return None
    return {
        "tranches": selectors.tranches_for_desk(municipality=municipality),
        "may_export": request.user.has_perm("funding.export_tranches", municipality),
    }
