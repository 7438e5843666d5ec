"""Why a need and an offer match, said at display time in the reader's language.

The matching engine works out the facts (how far apart, the same buurt or wijk, how well the
categories fit, shared themes and words); a `Match` row stores them (`facts`, and the category
fit in `parts["kind"]`). This module turns them into the short sentence a page, the API and
the digest show, so an English page reads English and a change of wording needs no recompute.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .themes import THEME_LABELS


def distance_text(metres: int) -> str:
    """Rounded as a person says it: 50 m steps nearby, one decimal up to 10 km."""
    if metres < 1000:
        return _("%(n)s m") % {"n": max(50, round(metres / 50.0) * 50)}
    km = metres / 1000.0
    if km < 10:
        return _("%(n)s km") % {"n": number_format(round(km, 1), decimal_pos=1)}
    return _("%(n)s km") % {"n": round(km)}


def explain(*, facts: dict, fit: float, need_word: str, offer_word: str) -> str:
    """One line: place; category fit; shared themes; shared words (each only when known).

    `need_word` and `offer_word` are the two categories' labels in the reader's language.
    """
    place = []
    if facts.get("same_area") == "buurt":
        place.append(_("zelfde buurt"))
    elif facts.get("same_area") == "wijk":
        place.append(_("zelfde wijk"))
    if facts.get("distance_m") is not None:
        place.append(distance_text(facts["distance_m"]))
    reasons = [", ".join(place) if place else _("afstand onbekend")]

    if fit >= 1.0:
        reasons.append(_("past bij: %(category)s") % {"category": need_word})
    elif fit > 0:
        reasons.append(_("past deels: %(offer)s voor een vraag om %(need)s") % {"offer": offer_word, "need": need_word})
    else:
        reasons.append(_("past niet: %(offer)s voor een vraag om %(need)s") % {"offer": offer_word, "need": need_word})

    themes = [THEME_LABELS.get(code, code) for code in facts.get("shared_themes", [])]
    if themes:
        reasons.append(
            ngettext("thema: %(themes)s", "thema's: %(themes)s", len(themes)) % {"themes": ", ".join(themes)}
        )
    words = facts.get("shared_words", [])
    if words:
        reasons.append(ngettext("woord: %(words)s", "woorden: %(words)s", len(words)) % {"words": ", ".join(words)})
    return "; ".join(reasons)
