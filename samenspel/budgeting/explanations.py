"""Why a plan was or was not funded, as one sentence in the reader's language.

A count stores facts, not sentences (`ResultRow`: the reason code, the rule, votes,
cost, the money left when greedy tried the plan, what the supporters still had under
equal shares); the sentence is made when it is shown. Pure Python, so the counting
module and `pb_count` can use it without Django: the translation functions are passed
in. Without them the sentence is Dutch, the source language; a page passes Django's
`gettext`/`ngettext` (`ResultRow.explanation`), so an English page reads English.

Amounts are written as the whole site writes them (`ballots.format_euro`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from samenspel.budgeting.ballots import format_euro

__all__ = ["explain"]

Amount = int | Fraction | Decimal


def _dutch(message: str) -> str:
    return message


def _dutch_plural(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def explain(
    *,
    reason: str,
    rule: str,
    votes: int,
    cost: Amount,
    remaining_budget: Amount | None = None,
    supporters_money: Amount | None = None,
    gettext: Callable[[str], str] = _dutch,
    ngettext: Callable[[str, str, int], str] = _dutch_plural,
) -> str:
    """The sentence for one plan's outcome; `reason` is a `counting.Reason` value, `rule` a `counting.Rule` value."""
    # The names `gettext` and `ngettext` are what makemessages looks for: keep them.
    facts = {
        "votes": votes,
        "cost": format_euro(cost),
        "remaining": format_euro(remaining_budget or 0),
        "money": format_euro(supporters_money or 0),
    }
    if reason == "funded_equal_shares":
        text = ngettext(
            "Gefinancierd: %(votes)s stem; de enige voorstander kon samen de kosten van %(cost)s dragen.",
            "Gefinancierd: %(votes)s stemmen; de %(votes)s voorstanders konden samen de kosten van %(cost)s dragen.",
            votes,
        )
    elif reason == "funded_most_votes":
        text = ngettext(
            "Gefinancierd: %(votes)s stem; het plan paste nog in het resterende budget van %(remaining)s.",
            "Gefinancierd: %(votes)s stemmen; het plan paste nog in het resterende budget van %(remaining)s.",
            votes,
        )
    elif reason == "funded_completion":
        text = ngettext(
            "Gefinancierd in de aanvulling: %(votes)s stem; na de verdeling in gelijke delen was er nog "
            "%(remaining)s over, genoeg voor de kosten van %(cost)s.",
            "Gefinancierd in de aanvulling: %(votes)s stemmen; na de verdeling in gelijke delen was er nog "
            "%(remaining)s over, genoeg voor de kosten van %(cost)s.",
            votes,
        )
    elif reason == "not_funded_no_votes" and votes:
        text = gettext("Niet gefinancierd: een plan zonder kosten telt niet mee bij gelijke delen.")
    elif reason == "not_funded_no_votes":
        text = gettext("Niet gefinancierd: niemand heeft voor dit plan gestemd.")
    elif reason == "not_funded_insufficient_support" and votes == 1:
        text = gettext(
            "Niet gefinancierd: te weinig steun om de kosten gelijk te verdelen over de voorstanders; "
            "de enige voorstander had samen nog %(money)s over voor de kosten van %(cost)s."
        )
    elif reason == "not_funded_insufficient_support":
        text = gettext(
            "Niet gefinancierd: te weinig steun om de kosten gelijk te verdelen over de voorstanders; "
            "de %(votes)s voorstanders hadden samen nog %(money)s over voor de kosten van %(cost)s."
        )
    elif reason == "not_funded_does_not_fit" and rule == "mes+greedy" and votes:
        text = gettext(
            "Niet gefinancierd: te weinig steun om de kosten gelijk te verdelen over de voorstanders, "
            "en in de aanvulling paste het niet meer in het resterende budget van %(remaining)s."
        )
    elif reason == "not_funded_does_not_fit":
        text = gettext("Niet gefinancierd: past niet meer in het resterende budget van %(remaining)s.")
    else:
        raise ValueError(f"unknown reason {reason!r}")
    return text % facts
