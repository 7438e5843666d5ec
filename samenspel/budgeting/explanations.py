"""Why a plan was or was not funded, in short plain sentences in the reader's language.

A count stores facts, not sentences (`ResultRow`: the reason code, the rule, votes,
cost, the money left when greedy tried the plan, what the supporters still had under
equal shares); the sentence is made when it is shown. Pure Python, so the counting
module and `pb_count` can use it without Django: the translation functions are passed
in. Without them the sentence is Dutch, the source language; a page passes Django's
`gettext`/`ngettext` (`ResultRow.explanation`), so an English page reads English.

The sentences are for residents: plain Dutch at language level B1, one idea per
sentence, everyday words ("Dit plan krijgt geld. Het kreeg de steun van 812 stemmers.").
Each sentence is its own message, so a translator sees whole short sentences and an
outcome is a few of them in a row. The exact figures an expert needs to recount (what
the supporters still had under equal shares, to the cent) are not in them: the result
page shows those in its section for people who want to recount.

Amounts are written Dutch style by default (`ballots.format_euro`); a page passes the
site's `core.formats.money`, so an English page writes them the English way.
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
    money: Callable[[Amount], str] = format_euro,
) -> str:
    """The sentences for one plan's outcome; `reason` is a `counting.Reason` value, `rule` a `counting.Rule` value.

    `supporters_money` is accepted (it is one of the stored facts) but not said: to the
    cent it helps nobody but the person who recounts.
    """
    # The names `gettext` and `ngettext` are what makemessages looks for: keep them.
    facts = {
        "votes": votes,
        "cost": money(cost),
        "remaining": money(remaining_budget or 0),
    }
    if votes:
        support = ngettext(
            "Het kreeg de steun van %(votes)s stemmer.", "Het kreeg de steun van %(votes)s stemmers.", votes
        )
    else:
        support = gettext("Niemand heeft op dit plan gestemd.")
    equal_share = gettext("Iedere stemmer had een gelijk deel van het budget.")
    if votes == 1:
        enough = gettext("Het deel van deze stemmer was genoeg voor de kosten van %(cost)s.")
        not_enough = gettext("Het deel van deze stemmer was niet genoeg voor de kosten van %(cost)s.")
    else:
        enough = gettext("Samen hadden zij genoeg voor de kosten van %(cost)s.")
        not_enough = gettext("Samen hadden zij niet genoeg voor de kosten van %(cost)s.")
    fits = gettext("Dat was genoeg voor de kosten van %(cost)s.")
    does_not_fit = gettext("Het past niet meer in het budget: er was nog %(remaining)s over en het kost %(cost)s.")
    left_after_shares = gettext("Na de verdeling in gelijke delen was er nog %(remaining)s over.")

    if reason == "funded_equal_shares":
        sentences = [gettext("Dit plan krijgt geld."), support, equal_share, enough]
    elif reason == "funded_most_votes":
        sentences = [
            gettext("Dit plan krijgt geld."),
            support,
            gettext("Er was nog %(remaining)s over in het budget."),
            fits,
        ]
    elif reason == "funded_completion":
        sentences = [gettext("Dit plan krijgt geld."), support, left_after_shares, fits]
    elif reason == "not_funded_no_votes" and votes:
        sentences = [
            gettext("Dit plan krijgt geen geld."),
            support,
            gettext("Er staan geen kosten bij dit plan."),
            gettext("Bij deze manier van tellen doet zo'n plan niet mee."),
        ]
    elif reason == "not_funded_no_votes":
        sentences = [gettext("Dit plan krijgt geen geld."), support]
    elif reason == "not_funded_insufficient_support":
        sentences = [gettext("Dit plan krijgt geen geld."), support, equal_share, not_enough]
    elif reason == "not_funded_does_not_fit" and rule == "mes+greedy" and votes:
        sentences = [
            gettext("Dit plan krijgt geen geld."),
            support,
            equal_share,
            not_enough,
            left_after_shares,
            gettext("Dat was te weinig voor dit plan."),
        ]
    elif reason == "not_funded_does_not_fit":
        sentences = [gettext("Dit plan krijgt geen geld."), support, does_not_fit]
    else:
        raise ValueError(f"unknown reason {reason!r}")
    return " ".join(sentence % facts for sentence in sentences)
