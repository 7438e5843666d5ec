"""AVG: what Samenspel holds about one person, to hand it over (inzage) and to erase it.

Both halves live in one module so that what the download shows and what deletion removes
are read from the same list of places; the privacy statement (core/privacy.html) says
the same in Dutch. Other apps are read and written through their models only.

What deletion does, and why:
- removed: the account (e-mail addresses, name, neighbourhood, password), roles,
  organisation memberships, notifications and e-mail choices, supports and follows,
  endorsements, plan supports, voter declarations, reports made, match-mail
  subscriptions, one's own needs and offers, team places and invitations to the
  e-mail address, private messages (introductions, conversations) and contact details
  shared in an introduction;
- kept without a name: comments, statements, updates, plans and decisions stay as
  "verwijderd account" (what was said in public stays part of the conversation); vision
  votes and budget ballots stay counted but are no longer linked to anyone;
- kept by the municipality: coach notes and decisions about an initiative stay with the
  initiative (the municipality's case file), the audit trail keeps the events under a
  pseudonym (public accountability);
- an initiative the person started passes to the next team member; with nobody else in
  the team it stays public under "verwijderd account", and the municipality may stop it.
"""

import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Replace

from samenspel.audit.models import AuditEvent
from samenspel.budgeting.models import Ballot, Plan, PlanSupport, VoterDeclaration
from samenspel.comments.models import Comment, Report
from samenspel.initiatives.models import Follow, Initiative, Support, TeamMember, Update
from samenspel.marketplace.models import Introduction, Need, Offer
from samenspel.notifications.models import Notification
from samenspel.notifications.selectors import preference_for
from samenspel.vision.models import Endorsement, Statement, Vote

PLACEHOLDER_EMAIL = "verwijderd-account@samenspel.invalid"
PLACEHOLDER_NAME = "verwijderd account"


def _optional_model(label: str):
    """A model that may not exist (yet): in-platform messages are moving from the marketplace
    (IntroductionMessage) to their own app (conversations.Message); both are handled."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _messages_by(user) -> list:
    """Private messages the person wrote, wherever they are kept."""
    found = []
    for label in ("conversations.Message", "marketplace.IntroductionMessage"):
        model = _optional_model(label)
        if model is not None:
            found.append(model.objects.filter(author=user))
    return found


def _shared_contacts(user) -> list[tuple[str, str]]:
    """(side, introduction) pairs where the person accepted and could share contact details."""
    return [
        (side, introduction)
        for side in ("need", "offer")
        if _has_field(Introduction, f"{side}_side_contact")
        for introduction in Introduction.objects.filter(**{f"{side}_side_accepted_by": user}).exclude(
            **{f"{side}_side_contact": ""}
        )
    ]


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _url(obj) -> str:
    return obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""


# --- Inzage: everything tied to the account ----------------------------------------------


def export_data(*, user) -> dict:
    """The person's own data. Other people appear only as public names of public things
    (an initiative's title), never with their e-mail, contact details or private words."""
    from allauth.account.models import EmailAddress

    own_contact = [
        {"introduction": str(introduction), "contact_shared": getattr(introduction, f"{side}_side_contact")}
        for side, introduction in _shared_contacts(user)
    ]
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "neighbourhood": str(user.neighbourhood) if user.neighbourhood_id else None,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "roles": [
            {"municipality": m.municipality.name, "role": m.role, "since": _when(m.created)}
            for m in user.memberships.select_related("municipality")
        ],
        "organisations": [
            {"organisation": m.organisation.name, "admin": m.is_admin}
            for m in user.organisation_memberships.select_related("organisation")
        ]
        if hasattr(user, "organisation_memberships")
        else [],
        "notifications": {
            "email_digest": preference_for(user=user).email_digest,
            "items": [
                {"title": n.headline, "link": n.url, "created": _when(n.created), "read": _when(n.read_at)}
                for n in Notification.objects.filter(user=user).prefetch_related("subject")
            ],
        },
        "initiatives_started": [
            {"title": i.title, "link": _url(i), "status": i.status}
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
        "needs_and_offers": [
            {"kind": kind, "title": x.title, "description": x.description, "status": x.status}
            for kind, model in (("need", Need), ("offer", Offer))
            for x in model.objects.filter(person=user)
        ],
        "introductions": {
            "contact_details_you_shared": own_contact,
        },
        # Only the words you wrote: the other side's replies are theirs.
        "messages_you_wrote": [{"text": m.body, "created": _when(m.created)} for qs in _messages_by(user) for m in qs],
        "comments": [
            {"on": str(c.target) if c.target is not None else "", "text": c.text, "created": _when(c.created)}
            for c in Comment.objects.filter(author=user)
        ],
        "reports_made": [
            {"reason": r.reason, "explanation": r.explanation, "status": r.status, "created": _when(r.created)}
            for r in Report.objects.filter(reporter=user)
        ],
        "vision": {
            "statements": [
                {"text": s.text, "created": _when(s.created)} for s in Statement.objects.filter(author=user)
            ],
            "votes": [
                {"statement": v.statement.text, "vote": v.value}
                for v in Vote.objects.filter(participant__user=user).select_related("statement")
            ],
            "endorsed_principles": [str(e.principle) for e in Endorsement.objects.filter(user=user)],
        },
        "budgeting": {
            "plans": [{"title": p.title, "description": p.description} for p in Plan.objects.filter(author=user)],
            "plan_supports": [str(s.plan) for s in PlanSupport.objects.filter(user=user).select_related("plan")],
            "voter_declarations": [
                {"municipality": d.municipality.name, "birth_year": d.birth_year}
                for d in VoterDeclaration.objects.filter(user=user).select_related("municipality")
            ],
            "ballots": [
                {"round": str(b.budget_round), "plans": [str(p) for p in b.plans.all()], "updated": _when(b.updated)}
                for b in Ballot.objects.filter(voter_key=f"u:{user.pk}").prefetch_related("plans")
            ],
        },
        # What the audit trail recorded you doing; its summaries and subjects may name others, so not those.
        "audit_trail": [{"action": e.action, "when": _when(e.created)} for e in AuditEvent.objects.filter(actor=user)],
    }


# --- Verwijderen ---------------------------------------------------------------------------


def pseudonym_of(user) -> str:
    """A stable name for a deleted person in the audit trail: same person, same pseudonym."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:deleted-account:{user.pk}".encode()).hexdigest()[:8]
    return f"{PLACEHOLDER_NAME} {digest}"


def placeholder_account():
    """The one inactive, unusable account that keeps an initiative whose starter is gone."""
    user, created = get_user_model().objects.get_or_create(
        email=PLACEHOLDER_EMAIL, defaults={"display_name": PLACEHOLDER_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def erase(*, user) -> str:
    """Remove the person; keep what must stay, unlinked or under a pseudonym. Returns the pseudonym."""
    pseudonym = pseudonym_of(user)
    _hand_over_initiatives(user)
    # Ballots stay counted (one per voter), no longer traceable to the account.
    for ballot in Ballot.objects.filter(voter_key=f"u:{user.pk}"):
        ballot.voter_key = f"deleted:{uuid.uuid4().hex}"
        ballot.save(update_fields=["voter_key"])
    # Contact details this person chose to share, and their private introduction messages.
    for side, introduction in _shared_contacts(user):
        Introduction.objects.filter(pk=introduction.pk).update(**{f"{side}_side_contact": ""})
    # Private messages may hold a phone number or an address: they go, unlike public comments.
    for messages in _messages_by(user):
        messages.delete()
    # Invitations to the address that were never accepted carry the e-mail address itself.
    TeamMember.objects.filter(user__isnull=True, email__iexact=user.email).delete()
    # The audit trail is append-only; erasure is its one allowed change: a pseudonym for the name,
    # as the actor and wherever a summary or subject spelled the name out.
    models.QuerySet.update(AuditEvent.objects.filter(actor=user), actor_name=pseudonym)
    _replace_name(AuditEvent, ("summary", "target_repr", "reason"), user.display_name, pseudonym, guarded=True)
    # Others' notifications that named the person ("Coach toegewezen: ...").
    _replace_name(Notification, ("title", "body", "subject_label"), user.display_name, pseudonym)
    user.delete()  # everything else: CASCADE (own data) or SET_NULL (kept without a name)
    return pseudonym


def _replace_name(model, fields, name: str, pseudonym: str, guarded: bool = False) -> None:
    name = (name or "").strip()
    if len(name) < 3:  # too short to tell apart from ordinary words
        return
    for field in fields:
        rows = model.objects.filter(**{f"{field}__contains": name})
        change = {field: Replace(field, Value(name), Value(pseudonym))}
        # AuditEvent's own QuerySet refuses updates; erasure is the documented exception.
        models.QuerySet.update(rows, **change) if guarded else rows.update(**change)


def _hand_over_initiatives(user) -> None:
    for initiative in Initiative.objects.filter(initiator=user):
        team = (
            TeamMember.objects.filter(initiative=initiative, user__isnull=False, accepted_at__isnull=False)
            .exclude(user=user)
            .select_related("user")
            .order_by("accepted_at", "pk")
        )
        # A co-initiator first, then whoever joined the team earliest.
        successor = min(team, key=lambda m: m.role != TeamMember.Role.INITIATOR, default=None)
        initiative.initiator = successor.user if successor else placeholder_account()
        initiative.save(update_fields=["initiator"])
