"""Blocks this app contributes to an initiative's public page."""

from .selectors import agreements_of, decisions_of


def decisions_panel(request, initiative) -> dict | None:
    decisions = list(decisions_of(initiative=initiative))
    if not decisions:
        return None
    return {"decisions": decisions}


def agreements_panel(request, initiative) -> dict | None:
    agreements = list(agreements_of(initiative=initiative, public_only=True))
    if not agreements:
        return None
    return {"agreements": agreements}
