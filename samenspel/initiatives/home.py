from . import selectors


def home_context(request, municipality) -> dict:
    latest = list(selectors.initiative_list(municipality=municipality)[:6])
    counts = selectors.status_counts(municipality=municipality)
    return {"latest": latest, "counts": counts, "total": sum(n for _v, _l, n in counts)}
