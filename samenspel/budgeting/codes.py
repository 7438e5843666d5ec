"""Single-use voting codes (stemcodes) for a participatory budgeting round.

A municipality prints one code per household or resident on a letter; the
code lets its holder vote once. Pure Python, no Django.

* Codes are 12 characters from a 31-symbol alphabet without look-alikes
  (no 0/O, 1/I/L): 12 x log2(31) ~ 59.5 bits of entropy, drawn with
  :mod:`secrets`.
* They are shown grouped (``ABCD-EFGH-JKMN``) and normalised on entry:
  case, spaces and dashes do not matter.
* Only a keyed hash is stored: HMAC-SHA256 with a server-side key passed in
  by the caller (kept outside the database, e.g. in the environment).

Why HMAC and not a slow password hash (Argon2, PBKDF2): a code is not chosen
by a person but drawn at random with ~60 bits of entropy, so brute force
against a stolen hash is already infeasible without key stretching, and the
HMAC key adds a secret the database alone does not reveal. A salted slow hash
would also make lookup impossible: when a resident enters a code we must find
*which* code it is among up to hundreds of thousands, which requires a
deterministic hash we can look up by exact match (an indexed column), not one
slow comparison per stored code.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Iterable

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "InvalidCodeError",
    "code_entropy_bits",
    "format_code",
    "generate_code",
    "generate_codes",
    "hash_code",
    "normalise_code",
    "verify_code",
]

#: Digits 2-9 and the capitals without I, L and O.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
_GROUP = 4
_MIN_KEY_BYTES = 16
_SEPARATORS = str.maketrans("", "", " -\t\u00a0\u2010\u2011\u2012\u2013\u2014")


class InvalidCodeError(ValueError):
    """An entered code that cannot be a stemcode; the message is Dutch."""


def code_entropy_bits(length: int = CODE_LENGTH) -> float:
    """Bits of entropy of a random code of ``length`` characters."""
    return length * math.log2(len(ALPHABET))


def generate_code(length: int = CODE_LENGTH) -> str:
    """A new random code (normalised form, no dashes)."""
    if length < CODE_LENGTH:
        raise ValueError(f"codes need at least {CODE_LENGTH} characters")
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def format_code(code: str) -> str:
    """Group a code for display: ``ABCDEFGHJKMN`` -> ``ABCD-EFGH-JKMN``."""
    plain = _clean(code)
    return "-".join(plain[i : i + _GROUP] for i in range(0, len(plain), _GROUP))


def normalise_code(entered: str, length: int = CODE_LENGTH) -> str:
    """The canonical form of an entered code, or :class:`InvalidCodeError`.

    Case, spaces and (various) dashes are ignored.
    """
    plain = _clean(entered)
    if len(plain) != length:
        raise InvalidCodeError(f"Een stemcode heeft {length} tekens; u vulde er {len(plain)} in.")
    return plain


def _clean(entered: str) -> str:
    plain = entered.translate(_SEPARATORS).upper()
    if not plain:
        raise InvalidCodeError("Vul uw stemcode in.")
    wrong = sorted({c for c in plain if c not in ALPHABET})
    if wrong:
        raise InvalidCodeError(
            "De stemcode bevat tekens die er niet in kunnen voorkomen: "
            + " ".join(wrong)
            + ". Let op: een stemcode bevat geen 0, O, 1, I of L."
        )
    return plain


def hash_code(code: str, key: bytes) -> str:
    """Hex HMAC-SHA256 of the normalised code under the server-side ``key``."""
    if not isinstance(key, bytes) or len(key) < _MIN_KEY_BYTES:
        raise ValueError(f"the key must be at least {_MIN_KEY_BYTES} bytes")
    plain = _clean(code)
    return hmac.new(key, plain.encode("ascii"), hashlib.sha256).hexdigest()


def verify_code(entered: str, key: bytes, stored_hash: str) -> bool:
    """Whether ``entered`` is the code behind ``stored_hash`` (constant-time compare)."""
    try:
        candidate = hash_code(entered, key)
    except InvalidCodeError:
        return False
    return hmac.compare_digest(candidate, stored_hash)


def generate_codes(
    count: int,
    key: bytes,
    *,
    length: int = CODE_LENGTH,
    existing_hashes: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """``count`` new codes as ``(display form, hash)`` pairs, all distinct.

    Codes whose hash is in ``existing_hashes`` (e.g. earlier batches of the
    same round) are drawn again, so a batch never repeats a code. Only the
    hashes should be stored; the display forms go to the printer once.
    """
    if count < 0:
        raise ValueError("count must be >= 0")
    taken = set(existing_hashes)
    result: list[tuple[str, str]] = []
    while len(result) < count:
        code = generate_code(length)
        digest = hash_code(code, key)
        if digest in taken:
            continue
        taken.add(digest)
        result.append((format_code(code), digest))
    return result
