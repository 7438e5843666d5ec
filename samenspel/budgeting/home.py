"""The burgerbegroting block on a municipality's home page: real figures of the current round."""

from .selectors import current_round, published_result, round_figures


def home_context(request, municipality) -> dict | None:
    budget_round = current_round(municipality=municipality)
    if budget_round is None:
        return None
    return {
        "round": budget_round,
        "figures": round_figures(budget_round=budget_round),
        "result": published_result(budget_round=budget_round),
    }
