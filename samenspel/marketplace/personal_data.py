"""The marketplace's share of a person's data (AVG): their needs and offers, what they shared in an introduction."""

from .models import Introduction, Need, Offer

SIDES = ("need", "offer")


def _shared_contacts(user) -> list[tuple[str, Introduction]]:
    """(side, introduction) pairs where the person accepted and shared contact details."""
    fields = {f.name for f in Introduction._meta.get_fields()}
    return [
        (side, introduction)
        for side in SIDES
        if f"{side}_side_contact" in fields
        for introduction in Introduction.objects.filter(**{f"{side}_side_accepted_by": user}).exclude(
            **{f"{side}_side_contact": ""}
        )
    ]


def export(user) -> dict:
    return {
        "needs_and_offers": [
            {"kind": kind, "title": x.title, "description": x.description, "status": x.status}
            for kind, model in (("need", Need), ("offer", Offer))
            for x in model.objects.filter(person=user)
        ],
        "introductions": {
            "contact_details_you_shared": [
                {"introduction": str(introduction), "contact_shared": getattr(introduction, f"{side}_side_contact")}
                for side, introduction in _shared_contacts(user)
            ]
        },
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # Contact details this person chose to share go; the introduction itself stays for the other side.
    for side, introduction in _shared_contacts(user):
        Introduction.objects.filter(pk=introduction.pk).update(**{f"{side}_side_contact": ""})
