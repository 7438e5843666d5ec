"""The secret ballot: how a ballot is found again by its voter and by nobody else.

A ballot holds the plans chosen and a `voter_key`, nothing about the person:

* a verified voter's key is ``v:`` + HMAC-SHA256(ballot key, round id and user id);
* a voting code's key is ``c:`` + HMAC-SHA256(ballot key, round id and the code's hash), so
  a ballot cannot be joined to its row in `VotingCode` (and that row's batch) either;
* an imported election keeps ``pb:<n>``; an erased account's ballot ``deleted:<random>``.

The ballot key is derived from BUDGET_CODE_KEY (or SECRET_KEY), which lives in the
environment, never in the database. Someone with the database alone cannot tell whose ballot
is whose: user ids are few, but without the key no hash can be computed to compare. The
server, holding the key, can: that is the price of letting a voter change the ballot until
the close (the key must lead back to the one row) and of one ballot per voter (a unique
constraint on the key). docs/security-ballots.md says what this protects and what it does not.

The ballot keeps only the day it was last changed, not the time: a time to the second could be
matched with a log-in time (`User.last_login`) by anyone reading the database.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def ballot_secret() -> bytes:
    """The key of every ballot key: derived from BUDGET_CODE_KEY (or SECRET_KEY), for ballots only."""
    base = getattr(settings, "BUDGET_CODE_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"samenspel.budgeting.ballots:" + base.encode()).digest()


def _keyed(prefix: str, message: str) -> str:
    return prefix + hmac.new(ballot_secret(), message.encode(), hashlib.sha256).hexdigest()


def voter_ballot_key(*, budget_round_id: int, user_id: int) -> str:
    """The key of a verified voter's ballot in a round (66 characters)."""
    return _keyed("v:", f"user:{budget_round_id}:{user_id}")


def code_ballot_key(*, budget_round_id: int, code_hash: str) -> str:
    """The key of the ballot cast with a voting code (given as its stored hash)."""
    return _keyed("c:", f"code:{budget_round_id}:{code_hash}")
