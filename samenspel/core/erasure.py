"""Replacing a deleted person's name by their pseudonym in stored text (AVG erasure)."""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace


def replace_name(queryset, fields, name: str, pseudonym: str, guarded: bool = False) -> None:
    """Replace `name` by `pseudonym` in `fields` of the rows of `queryset` that contain it.

    `guarded`: the model's own QuerySet refuses updates (the audit trail); erasure is its
    documented exception, so the plain QuerySet update is used.
    """
    name = (name or "").strip()
    if len(name) < 3:  # too short to tell apart from ordinary words
        return
    for field in fields:
        rows = queryset.filter(**{f"{field}__contains": name})
        change = {field: Replace(field, Value(name), Value(pseudonym))}
        models.QuerySet.update(rows, **change) if guarded else rows.update(**change)
