"""An initiative's share of a person's data (AVG): what they started, joined, supported and wrote."""

from django.db import models

from .models import Follow, Initiative, Support, TeamMember, Update


def _when(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "initiatives_started": [
            {"title": i.title, "link": i.get_absolute_url(), "status": i.status}
            for i in Initiative.objects.filter(initiator=user).select_related("municipality")
        ],
        "team_places": [
            {"initiative": t.initiative.title, "role": t.role, "accepted": _when(t.accepted_at)}
            for t in TeamMember.objects.filter(models.Q(user=user) | models.Q(email__iexact=user.email)).select_related(
                "initiative"
            )
        ],
        "supports": [
            {"initiative": s.initiative.title, "kind": s.kind, "created": _when(s.created)}
            for s in Support.objects.filter(user=user).select_related("initiative")
        ],
        "follows": [f.initiative.title for f in Follow.objects.filter(user=user).select_related("initiative")],
        "updates_written": [
            {"initiative": u.initiative.title, "title": u.title, "text": u.body, "created": _when(u.created)}
            for u in Update.objects.filter(author=user).select_related("initiative")
        ],
    }


def erase(user, *, pseudonym: str, placeholder) -> None:
    # An initiative passes to a co-initiator first, then whoever joined the team earliest;
    # with nobody else it stays public under the placeholder account (the initiator is required).
    for initiative in Initiative.objects.filter(initiator=user):
        team = (
            TeamMember.objects.filter(initiative=initiative, user__isnull=False, accepted_at__isnull=False)
            .exclude(user=user)
            .select_related("user")
            .order_by("accepted_at", "pk")
        )
        successor = min(team, key=lambda m: m.role != TeamMember.Role.INITIATOR, default=None)
        initiative.initiator = successor.user if successor else placeholder()
        initiative.save(update_fields=["initiator"])
    # Invitations to the address that were never accepted carry the e-mail address itself.
    TeamMember.objects.filter(user__isnull=True, email__iexact=user.email).delete()
