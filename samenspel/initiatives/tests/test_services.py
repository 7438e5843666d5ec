"""Stories of the services: starting, photos, team, needs and offers, news, support."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from PIL import Image

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.factories import UserFactory
from samenspel.marketplace.models import Category, ListingStatus, ListingType, Need, Offer
from samenspel.marketplace.services import listing_publish, listing_status_set
from samenspel.notifications.models import Notification

from ..models import Follow, Initiative, InitiativeImage, Support, TeamMember, Update
from ..services import (
    follow_toggle,
    image_add,
    initiative_create,
    support_toggle,
    team_accept,
    team_invite,
    update_post,
)
from .factories import FollowFactory, image_upload

pytestmark = pytest.mark.django_db(transaction=False)


def _start(municipality, user, **extra):
    data = {
        "municipality": municipality,
        "initiator": user,
        "title": "Moestuin aan de Lindelaan",
        "pitch": "Samen groente kweken.",
        "story": "Een **moestuin** voor de straat.",
    }
    return initiative_create(**{**data, **extra})


def test_a_resident_starts_an_initiative_and_joins_its_team(municipality, resident, linde, themes):
    initiative = _start(municipality, resident, themes=[themes["groen"]], lat=52.205, lon=5.205)

    assert initiative.slug == "moestuin-aan-de-lindelaan"
    assert initiative.neighbourhood == linde  # the point lies inside De Linde
    assert list(initiative.themes.all()) == [themes["groen"]]
    member = TeamMember.objects.get(initiative=initiative)
    assert (member.user, member.role, member.accepted_at is not None) == (resident, "initiator", True)
    assert Follow.objects.filter(initiative=initiative, user=resident).exists()
    assert AuditEvent.objects.filter(action="initiative.created").count() == 1


def test_slugs_are_unique_per_municipality_but_may_repeat_elsewhere(municipality, other_municipality, resident):
    first = _start(municipality, resident)
    second = _start(municipality, resident)
    elsewhere = _start(other_municipality, resident)
    assert (first.slug, second.slug, elsewhere.slug) == (
        "moestuin-aan-de-lindelaan",
        "moestuin-aan-de-lindelaan-2",
        "moestuin-aan-de-lindelaan",
    )
    assert _start(municipality, resident, title="Nieuw").slug == "nieuw-2"  # never shadows /nieuw/


def test_a_point_outside_every_wijk_keeps_the_chosen_neighbourhood(municipality, resident, linde):
    initiative = _start(municipality, resident, neighbourhood=linde, lat=52.1, lon=5.1)
    assert initiative.neighbourhood == linde


def test_a_theme_of_another_municipality_is_refused_and_nothing_is_saved(municipality, other_municipality, resident):
    from .factories import ThemeFactory

    foreign = ThemeFactory(municipality=other_municipality)
    with pytest.raises(ValidationError) as error:
        _start(municipality, resident, themes=[foreign])
    assert "thema's van deze gemeente" in str(error.value)
    assert Initiative.objects.count() == 0


def test_empty_title_is_refused_in_dutch(municipality, resident):
    with pytest.raises(ValidationError) as error:
        _start(municipality, resident, title="   ")
    assert "title" in error.value.message_dict
    assert Initiative.objects.count() == 0 and TeamMember.objects.count() == 0


# --- Photos --------------------------------------------------------------------------


def _added(django_capture_on_commit_callbacks, **kwargs) -> InitiativeImage:
    """image_add, then its task (queued on commit) as the worker would run it."""
    with django_capture_on_commit_callbacks(execute=True):
        photo = image_add(**kwargs)
    photo.refresh_from_db()
    return photo


def test_a_photo_is_re_encoded_without_its_exif(initiative, resident, django_capture_on_commit_callbacks):
    photo = _added(
        django_capture_on_commit_callbacks,
        initiative=initiative,
        image=image_upload(exif=True),
        uploaded_by=resident,
        alt_text="Bakken",
    )
    with photo.image.open("rb") as handle:
        stored = handle.read()
    assert b"Geheime Camera" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert (photo.width, photo.height) == (400, 300)
    assert not photo.image.name.endswith("foto.jpg")  # the uploader's file name is not kept


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_welcome(initiative, resident, fmt, django_capture_on_commit_callbacks):
    photo = _added(
        django_capture_on_commit_callbacks,
        initiative=initiative,
        image=image_upload(fmt=fmt, name="x.bin"),
        uploaded_by=resident,
    )
    assert photo.image.name.endswith("." + fmt.lower())


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                "foto.jpg", b"%PDF-1.4 dit is geen foto", content_type="image/jpeg"
            ),
            "geen foto",
        ),
        (lambda: image_upload(fmt="GIF", name="x.gif"), "JPEG, PNG of WebP"),
        (lambda: image_upload(size=(150, 150)), "te klein"),
        (lambda: image_upload(size=(6100, 200)), "te groot"),
    ],
    ids=["not-an-image", "gif", "too-small", "too-wide"],
)
def test_bad_photos_are_refused_and_nothing_is_saved(initiative, resident, upload, message):
    with pytest.raises(ValidationError) as error:
        image_add(initiative=initiative, image=upload(), uploaded_by=resident)
    assert message in " ".join(error.value.messages)
    assert InitiativeImage.objects.count() == 0


def test_an_oversized_file_is_refused_before_decoding(initiative, resident):
    upload = image_upload()
    upload.size = 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="maximaal 5 MB"):
        image_add(initiative=initiative, image=upload, uploaded_by=resident)
    assert InitiativeImage.objects.count() == 0


# --- Team ----------------------------------------------------------------------------


def test_invite_by_mail_and_accept_links_the_account(initiative, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = team_invite(initiative=initiative, email="Buur@Voorbeeld.test", role="treasurer", invited_by=resident)
    assert member.email == "buur@voorbeeld.test" and member.accepted_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["buur@voorbeeld.test"]
    assert f"/lindeveen/initiatieven/uitnodiging/{member.token}/" in mail.outbox[0].body

    neighbour = UserFactory(email="buur@voorbeeld.test")
    accepted = team_accept(token=member.token, user=neighbour)
    assert (accepted.user, accepted.token) == (neighbour, "")
    assert Follow.objects.filter(initiative=initiative, user=neighbour).exists()
    with pytest.raises(ValidationError, match="bestaat niet"):
        team_accept(token=member.token, user=neighbour)  # single use


def test_inviting_the_same_address_twice_is_refused(initiative, resident):
    team_invite(initiative=initiative, email="buur@voorbeeld.test", role="member", invited_by=resident)
    with pytest.raises(ValidationError, match="al in het team"):
        team_invite(initiative=initiative, email="BUUR@voorbeeld.test", role="member", invited_by=resident)
    assert TeamMember.objects.filter(initiative=initiative).count() == 2


# --- Needs and offers: written by the marketplace for the initiative ---------------------


def need_create(*, initiative, **fields):
    return listing_publish(
        listing_type=ListingType.NEED, municipality=initiative.municipality, initiative=initiative, **fields
    )


def offer_create(*, initiative, **fields):
    return listing_publish(
        listing_type=ListingType.OFFER, municipality=initiative.municipality, initiative=initiative, **fields
    )


def test_needs_and_offers_belong_to_the_initiative(initiative, resident):
    need = need_create(
        initiative=initiative,
        user=resident,
        category=Category.MONEY,
        title="Zaden",
        description="Voor het voorjaar.",
        amount_eur="250",
    )
    offer = offer_create(
        initiative=initiative,
        user=resident,
        category=Category.KNOWLEDGE,
        title="Tuinkennis",
        description="Wij weten veel.",
        amount_eur="10",
    )
    assert (need.initiative, need.municipality, need.neighbourhood) == (
        initiative,
        initiative.municipality,
        initiative.neighbourhood,
    )
    assert offer.amount_eur is None  # only money carries an amount
    listing_status_set(listing=need, user=resident, status=ListingStatus.MET)
    need.refresh_from_db()
    assert need.status == "met"
    assert AuditEvent.objects.filter(action="marketplace.need_status").exists()


def test_a_money_need_without_amount_is_refused(initiative, resident):
    with pytest.raises(ValidationError) as error:
        need_create(
            initiative=initiative, user=resident, category=Category.MONEY, title="Geld", description="Voor bakken."
        )
    assert "bedrag in euro" in str(error.value)
    assert Need.objects.count() == 0


def test_unknown_listing_status_is_refused(initiative, resident):
    offer = offer_create(
        initiative=initiative, user=resident, category=Category.SPACE, title="Schuur", description="Droog."
    )
    with pytest.raises(ValidationError):
        listing_status_set(listing=offer, user=resident, status="weg")
    offer.refresh_from_db()
    assert offer.status == "open" and Offer.objects.count() == 1


# --- News, support, following ------------------------------------------------------------


def test_an_update_notifies_followers_but_not_its_author(initiative, resident):
    fans = [FollowFactory(initiative=initiative).user for _ in range(3)]
    Follow.objects.create(initiative=initiative, user=resident)
    update = update_post(initiative=initiative, author=resident, title="Eerste oogst", body="Tomaten!")
    assert set(Notification.objects.values_list("user", flat=True)) == {f.pk for f in fans}
    assert Notification.objects.first().url.endswith(f"#nieuws-{update.pk}")


def test_an_empty_update_is_refused_and_nobody_is_notified(initiative, resident):
    FollowFactory(initiative=initiative)
    with pytest.raises(ValidationError):
        update_post(initiative=initiative, author=resident, title="", body="")
    assert Update.objects.count() == 0 and Notification.objects.count() == 0


def test_support_and_join_toggle_independently(initiative):
    fan = UserFactory()
    assert support_toggle(initiative=initiative, user=fan, kind="support") is True
    assert support_toggle(initiative=initiative, user=fan, kind="join") is True
    assert Follow.objects.filter(initiative=initiative, user=fan).exists()  # joining means following
    assert support_toggle(initiative=initiative, user=fan, kind="support") is False
    assert list(Support.objects.filter(user=fan).values_list("kind", flat=True)) == ["join"]
    with pytest.raises(ValidationError):
        support_toggle(initiative=initiative, user=fan, kind="juichen")


def test_follow_toggles(initiative):
    fan = UserFactory()
    assert follow_toggle(initiative=initiative, user=fan) is True
    assert follow_toggle(initiative=initiative, user=fan) is False
    assert not Follow.objects.filter(user=fan).exists()
