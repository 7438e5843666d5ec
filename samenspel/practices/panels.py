"""The block this app contributes to an initiative's public page: where its approach came from
(an adoption), and where it went (published as a practice, adopted elsewhere). This is what the
status "opgeschaald" links to: what was scaled, and where."""

from .models import Adoption, Practice


def practices_panel(request, initiative) -> dict | None:
    origin = (
        Adoption.objects.filter(initiative=initiative, practice__status=Practice.Status.PUBLISHED)
        .select_related("practice__municipality")
        .first()
    )
    published = list(
        Practice.objects.published().filter(source_initiative=initiative).prefetch_related("adoptions__municipality")
    )
    if origin is None and not published:
        return None
    return {"origin": origin, "published": published, "here": initiative.municipality}
