import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's own, with a Dutch message: its Dutch catalogue lacks this plural form."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(), code="password_too_short", params={"min_length": self.min_length}
            )


# --- Display names ---------------------------------------------------------------------
#
# A display name is shown beside everything a person writes, so it must read as what it is:
# no characters that reorder or hide text (a right-to-left override (U+202E) makes the letters
# after it read backwards; a zero-width space makes two names look equal), and no name
# that passes for the municipality or its staff ("Gemeente Lindeveen", "Beheerder").

# Bidirectional controls are format characters (Cf) too; named here because they are the attack.
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control, format, surrogate, private-use and unassigned characters, and line/paragraph separators.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# More combining marks than a letter ever needs in a real name ("Zalgo" text spills over lines).
_MAX_MARKS_IN_A_ROW = 3
# Read as the municipality or its staff wherever they appear in a name (letters only, so
# "G e m e e n t e" and "Gem33nte" count too).
_POSING_PARTS = ("gemeente", "beheerder", "moderator", "administrator", "webmaster", "samenspel", "helpdesk")
# Read as staff when they are a whole word of the name ("Coach Piet", not "Voetbalcoach Piet").
_POSING_WORDS = {"admin", "beheer", "coach", "wethouder", "burgemeester", "griffie", "medewerker", "officieel"}
_DIGITS_AS_LETTERS = str.maketrans("013457@$", "oleastas")


def _letters(text: str) -> str:
    """Lower-case letters only, accents removed and digits read as the letters they imitate."""
    plain = unicodedata.normalize("NFKD", text.casefold()).translate(_DIGITS_AS_LETTERS)
    return "".join(ch for ch in plain if ch.isalpha() and ch.isascii())


def display_name_normalise(value: str) -> str:
    """NFKC (full-width and styled letters become plain ones), trimmed, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", value or "").split())


def _municipality_names() -> list[str]:
    from samenspel.municipalities.models import Municipality

    names = []
    for name in Municipality.objects.values_list("name", flat=True):
        letters = _letters(name)
        names.append(letters)
        if letters.startswith("gemeente") and len(letters) > len("gemeente"):
            names.append(letters.removeprefix("gemeente"))
    return names


def validate_display_name(value: str) -> None:
    """Refuse a display name that hides or reorders text or poses as the municipality or its staff.

    Checks the name as it will be stored (`display_name_normalise`); messages in Dutch.
    """
    name = display_name_normalise(value)
    if not name:
        raise ValidationError(_("Vul een naam in."), code="empty")
    marks = 0
    for ch in name:
        category = unicodedata.category(ch)
        if ch in _BIDI_CONTROLS or category in _REFUSED_CATEGORIES:
            raise ValidationError(
                _(
                    "Deze naam bevat onzichtbare tekens of tekens die de leesrichting omdraaien. "
                    "Typ de naam opnieuw, zonder die tekens."
                ),
                code="hidden_characters",
            )
        marks = marks + 1 if category.startswith("M") else 0
        if marks > _MAX_MARKS_IN_A_ROW:
            raise ValidationError(
                _("Deze naam heeft te veel accenten op één letter. Typ de naam opnieuw."), code="marks"
            )
    letters = _letters(name)
    words = {_letters(word) for word in name.split()}
    if (
        any(part in letters for part in _POSING_PARTS)
        or words & _POSING_WORDS
        or (letters and letters in _municipality_names())
    ):
        raise ValidationError(
            _(
                "Deze naam kan worden aangezien voor de gemeente of een van haar medewerkers. "
                "Kies een naam die laat zien dat u schrijft als inwoner."
            ),
            code="posing",
        )
