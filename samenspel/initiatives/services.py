"""Writes for initiatives: starting one, its team, photos, updates, support.

An initiative's needs and offers are written by the marketplace (`marketplace.services`),
which owns every listing; the initiative's pages call it.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record
from samenspel.municipalities.selectors import neighbourhood_for_point
from samenspel.notifications.services import notification_send, notification_send_to_followers

from .images import image_probe
from .models import Follow, Initiative, InitiativeImage, Support, TeamMember, Update
from .tasks import process_initiative_image

# Paths under /initiatieven/ that an initiative's slug may not shadow.
RESERVED_SLUGS = {"nieuw", "uitnodiging", "export", "kaart"}


def _unique_slug(*, municipality, title: str) -> str:
    base = (slugify(title) or "initiatief")[:120]
    slug, number = base, 2
    taken = Initiative.objects.filter(municipality=municipality)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _place(initiative: Initiative, *, neighbourhood, lat, lon) -> None:
    """A point inside a boundary decides the neighbourhood; the chosen one only counts without it."""
    if (lat is None) != (lon is None):
        raise ValidationError({"lat": _("Geef zowel de breedtegraad als de lengtegraad op.")})
    if neighbourhood is not None and neighbourhood.municipality_id != initiative.municipality_id:
        raise ValidationError({"neighbourhood": _("Deze wijk hoort niet bij deze gemeente.")})
    initiative.lat, initiative.lon = lat, lon
    found = None
    if lat is not None:
        found = neighbourhood_for_point(municipality=initiative.municipality, lat=lat, lon=lon)
    initiative.neighbourhood = found or neighbourhood


def _check_themes(municipality, themes) -> list:
    themes = list(themes or [])
    if any(theme.municipality_id != municipality.pk for theme in themes):
        raise ValidationError({"themes": _("Kies alleen thema's van deze gemeente.")})
    return themes


@transaction.atomic
def initiative_create(
    *,
    municipality,
    initiator,
    title: str,
    pitch: str,
    story: str,
    themes=(),
    neighbourhood=None,
    address: str = "",
    lat: float | None = None,
    lon: float | None = None,
    image=None,
    image_alt: str = "",
    invite_emails=(),
) -> Initiative:
    """Start an initiative: the initiator joins its team and follows it straight away."""
    initiative = Initiative(
        municipality=municipality,
        initiator=initiator,
        title=title.strip(),
        pitch=pitch.strip(),
        story=story.strip(),
        address=address.strip(),
        slug=_unique_slug(municipality=municipality, title=title),
    )
    _place(initiative, neighbourhood=neighbourhood, lat=lat, lon=lon)
    themes = _check_themes(municipality, themes)
    initiative.full_clean()
    initiative.save()
    initiative.themes.set(themes)
    TeamMember.objects.create(
        initiative=initiative,
        user=initiator,
        email=initiator.email,
        role=TeamMember.Role.INITIATOR,
        invited_by=initiator,
        accepted_at=timezone.now(),
    )
    Follow.objects.get_or_create(initiative=initiative, user=initiator)
    if image is not None:
        image_add(initiative=initiative, image=image, alt_text=image_alt, uploaded_by=initiator)
    for email in invite_emails:
        team_invite(initiative=initiative, email=email, role=TeamMember.Role.MEMBER, invited_by=initiator)
    audit_record(
        municipality=municipality,
        actor=initiator,
        action="initiative.created",
        target=initiative,
        summary=_("Initiatief %(title)s aangemeld") % {"title": initiative.title},
    )
    return initiative


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    user,
    title: str,
    pitch: str,
    story: str,
    themes=(),
    neighbourhood=None,
    address: str = "",
    lat: float | None = None,
    lon: float | None = None,
) -> Initiative:
    # The slug stays: shared links to the page must keep working after a new title.
    initiative.title, initiative.pitch, initiative.story = title.strip(), pitch.strip(), story.strip()
    initiative.address = address.strip()
    _place(initiative, neighbourhood=neighbourhood, lat=lat, lon=lon)
    themes = _check_themes(initiative.municipality, themes)
    initiative.full_clean()
    initiative.save()
    initiative.themes.set(themes)
    return initiative


@transaction.atomic
def image_add(*, initiative: Initiative, image, uploaded_by, alt_text: str = "") -> InitiativeImage:
    """Keep an uploaded photo for the task that processes it; the page shows it once processed.

    Only the header is read here (`image_probe`: format, size, the pixel budget): the photo is
    decoded once, by `tasks.process_initiative_image`, never in the request.
    """
    image_probe(image)
    # Lock the initiative so that two uploads at the same moment count each other.
    Initiative.objects.select_for_update().filter(pk=initiative.pk).exists()
    limit = settings.INITIATIVE_MAX_PHOTOS
    if initiative.images.count() >= limit:
        raise ValidationError(
            {"image": _("Een initiatief heeft hoogstens %(n)s foto's. Haal er eerst een weg.") % {"n": limit}},
            code="too_many_photos",
        )
    photo = InitiativeImage(initiative=initiative, alt_text=alt_text.strip(), uploaded_by=uploaded_by)
    photo.original.save("upload", image, save=False)
    photo.full_clean()
    photo.save()
    transaction.on_commit(lambda: process_initiative_image.enqueue(photo.pk))
    return photo


# --- Team -----------------------------------------------------------------------------


@transaction.atomic
def team_invite(*, initiative: Initiative, email: str, role: str, invited_by) -> TeamMember:
    """Invite someone by e-mail; the mail carries a link that links their account on acceptance."""
    email = (email or "").strip().lower()
    if initiative.team.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Dit e-mailadres staat al in het team of is al uitgenodigd.")})
    member = TeamMember(
        initiative=initiative, email=email, role=role, invited_by=invited_by, token=secrets.token_urlsafe(32)
    )
    member.full_clean()
    member.save()
    url = settings.SITE_URL.rstrip("/") + reverse(
        "initiatives:accept", kwargs={"municipality": initiative.municipality.slug, "token": member.token}
    )
    inviter = invited_by.display_name if invited_by else _("Iemand")
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Uitnodiging voor het team van %(title)s") % {"title": initiative.title},
            message=_(
                "%(inviter)s nodigt u uit voor het team van het initiatief '%(title)s' als %(role)s.\n\n"
                "Neem de uitnodiging aan via deze link (log eerst in of maak een account aan):\n%(url)s\n"
            )
            % {"inviter": inviter, "title": initiative.title, "role": member.get_role_display(), "url": url},
            from_email=None,
            recipient_list=[email],
        )
    )
    return member


@transaction.atomic
def team_accept(*, token: str, user) -> TeamMember:
    member = TeamMember.objects.select_for_update().select_related("initiative").filter(token=token).first()
    if member is None or not token:
        raise ValidationError(_("Deze uitnodiging bestaat niet (meer)."))
    if member.accepted_at is not None:
        raise ValidationError(_("Deze uitnodiging is al aangenomen."))
    if member.initiative.team.filter(user=user).exclude(pk=member.pk).exists():
        raise ValidationError(_("U zit al in het team van dit initiatief."))
    member.user = user
    member.accepted_at = timezone.now()
    member.token = ""  # single use
    member.save(update_fields=["user", "accepted_at", "token"])
    Follow.objects.get_or_create(initiative=member.initiative, user=user)
    audit_record(
        municipality=member.initiative.municipality,
        actor=user,
        action="initiative.team_joined",
        target=member.initiative,
        summary=_("%(name)s is nu %(role)s van %(title)s")
        % {"name": user.display_name, "role": member.get_role_display(), "title": member.initiative.title},
    )
    return member


# --- Updates, support, following -------------------------------------------------------


@transaction.atomic
def update_post(*, initiative: Initiative, author, title: str, body: str) -> Update:
    update = Update(initiative=initiative, author=author, title=(title or "").strip(), body=(body or "").strip())
    update.full_clean()
    update.save()
    notification_send_to_followers(
        initiative=initiative,
        title=_("Nieuws van %(initiative)s: %(title)s") % {"initiative": initiative.title, "title": update.title},
        url=initiative.get_absolute_url() + f"#nieuws-{update.pk}",
        body=update.body[:300],
        actor=author,
    )
    return update


def _create_once(model, **fields) -> bool:
    """Create the row unless it exists; True when this call created it.

    The unique constraint decides, inside a savepoint: when two clicks arrive at once, the
    later one meets the row the earlier one just made and is answered "on" as well, not a 500.
    """
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def _switch(model, *, on: bool | None, **fields) -> tuple[bool, bool]:
    """Set a yes/no row (a support, a follow) to `on`, or flip it for None: (on now, created now).

    A button that says which state it asks for makes a double click harmless: both clicks ask
    for the same state and get it.
    """
    rows = model.objects.filter(**fields)
    if on is None:
        on = not rows.exists()
    if not on:
        rows.delete()
        return False, False
    return True, _create_once(model, **fields)


@transaction.atomic
def support_toggle(*, initiative: Initiative, user, kind: str, on: bool | None = None) -> bool:
    """Switch "Ik steun dit" or "Ik doe mee" on or off (to `on`; None flips it); answers whether it is on now."""
    if kind not in Support.Kind.values:
        raise ValidationError(_("Onbekende soort steun."))
    on, created = _switch(Support, on=on, initiative=initiative, user=user, kind=kind)
    if created and kind == Support.Kind.JOIN:
        # Whoever joins wants to hear what happens next.
        Follow.objects.get_or_create(initiative=initiative, user=user)
        # The team hears who joined, by display name only; they write back through the site
        # (the conversations app), so no address ever passes.
        team = [
            member.user
            for member in initiative.team.exclude(user=None).exclude(accepted_at=None).select_related("user")
        ]
        notification_send(
            users=[person for person in team if person.is_active],
            title=_("%(name)s doet mee met %(initiative)s")
            % {"name": user.display_name, "initiative": initiative.title},
            url=initiative.get_absolute_url() + "#gesprekken-kop",
            municipality=initiative.municipality,
            exclude=user,
        )
    return on


@transaction.atomic
def follow_toggle(*, initiative: Initiative, user, on: bool | None = None) -> bool:
    """Follow an initiative's news or stop (to `on`; None flips it); answers whether it is on now."""
    on, _created = _switch(Follow, on=on, initiative=initiative, user=user)
    return on
