"""What residents wrote in a period, as the texts the topic finder reads.

Keys name the source ("initiative:12", "update:3", "comment:9", "statement:4", "need:7",
"offer:8") so examples can be shown at display time, and only while they are still public.
Hidden initiatives, hidden comments and unpublished statements are left out entirely.
"""

from .periods import Period

KINDS = ("initiative", "update", "comment", "statement", "need", "offer")


def gather(*, municipality, period: Period, text_class) -> list:
    from samenspel.comments.models import Comment
    from samenspel.initiatives.models import Initiative, Update
    from samenspel.marketplace.models import Need, Offer
    from samenspel.vision.models import Statement

    start, end = period.start_dt, period.end_dt
    out = []
    for pk, title, pitch, story, created in Initiative.objects.filter(
        municipality=municipality, is_hidden=False, submitted_at__gte=start, submitted_at__lt=end
    ).values_list("pk", "title", "pitch", "story", "submitted_at"):
        out.append(text_class(key=f"initiative:{pk}", text=f"{title}. {pitch}\n{story}", created=created, public=True))
    for pk, title, body, created in Update.objects.filter(
        initiative__municipality=municipality, initiative__is_hidden=False, created__gte=start, created__lt=end
    ).values_list("pk", "title", "body", "created"):
        out.append(text_class(key=f"update:{pk}", text=f"{title}. {body}", created=created, public=True))
    for pk, text, created in (
        Comment.objects.visible()
        .filter(municipality=municipality, created__gte=start, created__lt=end)
        .values_list("pk", "text", "created")
    ):
        out.append(text_class(key=f"comment:{pk}", text=text, created=created, public=True))
    for pk, text, created in Statement.objects.filter(
        process__municipality=municipality, status="published", created__gte=start, created__lt=end
    ).values_list("pk", "text", "created"):
        out.append(text_class(key=f"statement:{pk}", text=text, created=created, public=True))
    for model, kind in ((Need, "need"), (Offer, "offer")):
        for pk, title, description, created, hidden in model.objects.filter(
            municipality=municipality, created__gte=start, created__lt=end
        ).values_list("pk", "title", "description", "created", "initiative__is_hidden"):
            out.append(
                text_class(key=f"{kind}:{pk}", text=f"{title}. {description}", created=created, public=not hidden)
            )
    return out


def examples(keys: list[str], *, municipality) -> dict[str, dict]:
    """key -> {text, url} for the keys that are still public now; one query per kind."""
    from django.urls import reverse

    from samenspel.comments.models import Comment
    from samenspel.initiatives.models import Initiative, Update
    from samenspel.marketplace.models import Need, Offer
    from samenspel.vision.models import Statement

    wanted = {kind: [] for kind in KINDS}
    for key in keys:
        kind, _sep, pk = key.partition(":")
        if kind in wanted and pk.isdigit():
            wanted[kind].append(int(pk))
    slug = municipality.slug
    found = {}

    def initiative_url(initiative_slug):
        return reverse("initiatives:detail", kwargs={"municipality": slug, "slug": initiative_slug})

    if wanted["initiative"]:
        for pk, title, s in Initiative.objects.filter(
            municipality=municipality, is_hidden=False, pk__in=wanted["initiative"]
        ).values_list("pk", "title", "slug"):
            found[f"initiative:{pk}"] = {"text": title, "url": initiative_url(s)}
    if wanted["update"]:
        for pk, title, s in Update.objects.filter(
            initiative__municipality=municipality, initiative__is_hidden=False, pk__in=wanted["update"]
        ).values_list("pk", "title", "initiative__slug"):
            found[f"update:{pk}"] = {"text": title, "url": initiative_url(s)}
    if wanted["comment"]:
        for pk, text in (
            Comment.objects.visible()
            .filter(municipality=municipality, pk__in=wanted["comment"])
            .values_list("pk", "text")
        ):
            found[f"comment:{pk}"] = {"text": _short(text), "url": ""}
    if wanted["statement"]:
        for pk, text in Statement.objects.filter(
            process__municipality=municipality, status="published", pk__in=wanted["statement"]
        ).values_list("pk", "text"):
            found[f"statement:{pk}"] = {"text": _short(text), "url": ""}
    for model, kind in ((Need, "need"), (Offer, "offer")):
        if wanted[kind]:
            for pk, title in (
                model.objects.filter(municipality=municipality, pk__in=wanted[kind])
                .exclude(initiative__is_hidden=True)
                .values_list("pk", "title")
            ):
                found[f"{kind}:{pk}"] = {"text": title, "url": ""}
    return found


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
