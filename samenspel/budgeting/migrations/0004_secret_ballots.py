"""Secret ballots: no user id and no code hash in a ballot's key, no time of day on a ballot.

Existing keys "u:<user id>" and "c:<code hash>" become keyed hashes (budgeting/secrecy.py);
`created`/`updated` become `changed_on`, the day of the last change. The hash is computed here
with a copy of secrecy.py's derivation, so this migration keeps working whatever that module
becomes. Undone, the keys are found back the only way there is: by hashing every user id and
every code of the round with the same key.
"""

import hashlib
import hmac

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from samenspel.core.migration_ops import constraints_immediate


def _secret() -> bytes:
    base = getattr(settings, "BUDGET_CODE_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"samenspel.budgeting.ballots:" + base.encode()).digest()


def _voter(secret: bytes, round_id: int, user_id) -> str:
    return "v:" + hmac.new(secret, f"user:{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def _code(secret: bytes, round_id: int, code_hash: str) -> str:
    return "c:" + hmac.new(secret, f"code:{round_id}:{code_hash}".encode(), hashlib.sha256).hexdigest()


def to_secret(apps, schema_editor):
    Ballot = apps.get_model("budgeting", "Ballot")
    VotingCode = apps.get_model("budgeting", "VotingCode")
    secret = _secret()
    for ballot in Ballot.objects.all().iterator():
        key = ballot.voter_key
        codes = VotingCode.objects.filter(budget_round_id=ballot.budget_round_id)
        if key.startswith("u:"):
            key = _voter(secret, ballot.budget_round_id, key[2:])
        elif key.startswith("c:") and codes.filter(code_hash=key[2:]).exists():
            key = _code(secret, ballot.budget_round_id, key[2:])
        ballot.voter_key = key
        ballot.changed_on = timezone.localtime(ballot.updated).date() if ballot.updated else timezone.localdate()
        ballot.save(update_fields=["voter_key", "changed_on"])


def to_linked(apps, schema_editor):
    Ballot = apps.get_model("budgeting", "Ballot")
    VotingCode = apps.get_model("budgeting", "VotingCode")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    secret = _secret()
    user_ids = list(User.objects.values_list("pk", flat=True))
    keys: dict[int, dict[str, str]] = {}
    for ballot in Ballot.objects.all().iterator():
        round_id = ballot.budget_round_id
        if round_id not in keys:
            keys[round_id] = {_voter(secret, round_id, uid): f"u:{uid}" for uid in user_ids} | {
                _code(secret, round_id, h): f"c:{h}"
                for h in VotingCode.objects.filter(budget_round_id=round_id).values_list("code_hash", flat=True)
            }
        ballot.voter_key = keys[round_id].get(ballot.voter_key, ballot.voter_key)
        ballot.save(update_fields=["voter_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0003_english_status_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        constraints_immediate(),
        migrations.AddField(
            model_name="ballot",
            name="changed_on",
            field=models.DateField(default=django.utils.timezone.localdate),
        ),
        migrations.RunPython(to_secret, to_linked),
        migrations.RemoveField(model_name="ballot", name="created"),
        migrations.RemoveField(model_name="ballot", name="updated"),
        constraints_immediate(),
    ]
