"""Creating a vision process."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ..models import VisionProcess


@transaction.atomic
def process_create(
    *,
    municipality,
    title: str,
    slug: str,
    question: str,
    gather_start: dt.datetime,
    gather_end: dt.datetime,
    draft_end: dt.datetime,
    moderation: str = VisionProcess.Moderation.POST,
    introduction: str = "",
) -> VisionProcess:
    process = VisionProcess(
        municipality=municipality,
        title=title.strip(),
        slug=slug,
        question=question.strip(),
        introduction=introduction.strip(),
        moderation=moderation,
        gather_start=gather_start,
        gather_end=gather_end,
        draft_end=draft_end,
    )
    process.full_clean()
    process.save()
    return process
