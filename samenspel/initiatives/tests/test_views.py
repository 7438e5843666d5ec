"""The pages: starting with bad input, the public page, overview filters, exports, privacy, query counts."""

import csv
import io
import json

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import UserFactory
from samenspel.marketplace.models import Need, Offer

from ..models import Follow, Initiative, Status, Support, TeamMember
from .factories import (
    FollowFactory,
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    SupportFactory,
    TeamMemberFactory,
    UpdateFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

NEW = reverse("initiatives:new", kwargs={"municipality": "lindeveen"})
LIST = reverse("initiatives:list", kwargs={"municipality": "lindeveen"})

GOOD = {
    "title": "Buurtmoestuin Lindelaan",
    "pitch": "Groente kweken met de hele straat.",
    "story": "We maken **twintig** bakken.",
    "location": "52.2050, 5.2050",
}


def test_a_resident_starts_an_initiative_with_a_photo_and_invites(client_for, resident, linde, themes):
    response = client_for(resident).post(
        NEW,
        {
            **GOOD,
            "themes": [themes["groen"].pk],
            "image": image_upload(),
            "image_alt": "Lege bakken",
            "invite_emails": "a@voorbeeld.test\nb@voorbeeld.test",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert (initiative.lat, initiative.lon, initiative.neighbourhood) == (52.205, 5.205, linde)
    assert initiative.images.count() == 1
    assert TeamMember.objects.filter(initiative=initiative, accepted_at=None).count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Dit veld is vereist"),
        ({"pitch": "x" * 201}, "pitch", "niet meer dan 200 tekens"),
        ({"location": "ergens bij de kerk"}, "location", "breedtegraad, lengtegraad"),
        ({"location": "5.2050, 52.2050"}, "location", "niet in of bij de gemeente"),
        ({"invite_emails": "geen-adres"}, "invite_emails", "geen geldig e-mailadres"),
        ({"image": "tekst"}, "image", "geen foto"),
    ],
)
def test_bad_input_on_the_start_form_saves_nothing(client_for, resident, change, field, message):
    data = {**GOOD, **change}
    if change.get("image") == "tekst":
        from django.core.files.uploadedfile import SimpleUploadedFile

        data["image"] = SimpleUploadedFile("foto.jpg", b"gewoon tekst", content_type="image/jpeg")
    response = client_for(resident).post(NEW, data)
    assert response.status_code == 400  # the page again, with the bound form
    errors = " ".join(str(e) for e in response.context["form"].errors[field])
    assert message.lower() in errors.lower()
    assert Initiative.objects.count() == 0 and TeamMember.objects.count() == 0


def test_coordinates_with_dutch_decimal_commas_are_understood(client_for, resident):
    client_for(resident).post(NEW, {**GOOD, "location": "52,2050; 5,2050"})
    assert Initiative.objects.get().lat == 52.205


def _url(initiative, name, **kwargs):
    return reverse(f"initiatives:{name}", kwargs={"municipality": "lindeveen", "slug": initiative.slug, **kwargs})


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("need_new", {"category": "money", "title": "Geld", "description": "Voor zaad."}, "bedrag in euro"),
        ("need_new", {"category": "raket", "title": "X", "description": "Y"}, "geen beschikbare keuze"),
        ("offer_new", {"category": "space", "title": "", "description": "Y"}, "vereist"),
        (
            "need_new",
            {"category": "money", "title": "Geld", "description": "Z", "amount_eur": "-5"},
            "minstens 0",
        ),
        ("update_new", {"title": "", "body": ""}, "vereist"),
        ("team", {"email": "geen-adres", "role": "member"}, "geldig e-mailadres"),
        ("team", {"email": "x@voorbeeld.test", "role": "initiator"}, "geen beschikbare keuze"),
        ("edit", {**GOOD, "title": ""}, "vereist"),
        ("image", {}, "Kies een foto"),
    ],
)
def test_bad_input_on_team_forms_saves_nothing(client_for, initiative, name, data, message):
    counts = (Need.objects.count(), Offer.objects.count(), TeamMember.objects.count(), initiative.updates.count())
    response = client_for(initiative.initiator).post(_url(initiative, name), data)
    assert response.status_code == 400  # the page again, with the bound form
    assert message.lower() in response.content.decode().lower()
    assert (
        Need.objects.count(),
        Offer.objects.count(),
        TeamMember.objects.count(),
        initiative.updates.count(),
    ) == counts
    initiative.refresh_from_db()
    assert initiative.title == "Moestuin De Linde"


def test_team_invites_by_mail_and_the_invitee_accepts(
    client_for, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(initiative.initiator).post(
            _url(initiative, "team"), {"email": "buur@voorbeeld.test", "role": "member"}
        )
    member = TeamMember.objects.get(email="buur@voorbeeld.test")
    link = f"/lindeveen/initiatieven/uitnodiging/{member.token}/"
    assert link in mailoutbox[0].body
    neighbour = UserFactory(display_name="Buurvrouw Els")
    client = client_for(neighbour)
    assert client.get(link).status_code == 200
    client.post(link)
    member.refresh_from_db()
    assert member.user == neighbour
    assert "Buurvrouw Els" in client.get(initiative.get_absolute_url()).content.decode()


def test_support_works_without_javascript_and_with_htmx(client_for, initiative):
    fan = UserFactory()
    client = client_for(fan)
    response = client.post(_url(initiative, "support"), {"soort": "support"})
    assert response.status_code == 302
    assert Support.objects.filter(user=fan, kind="support").exists()
    response = client.post(_url(initiative, "support"), {"soort": "join"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'id="steun"' in response.content.decode()
    assert "1 doet mee" in response.content.decode()
    response = client.post(_url(initiative, "support"), {"soort": "juichen"})
    assert response.status_code == 400
    assert Follow.objects.filter(user=fan, initiative=initiative).exists()  # joining means following
    client.post(_url(initiative, "follow"))
    assert not Follow.objects.filter(user=fan, initiative=initiative).exists()


def test_the_htmx_answer_keeps_button_ids_and_announces_the_counts_in_the_live_region(client_for, initiative):
    client = client_for(UserFactory())
    html = client.post(_url(initiative, "support"), {"soort": "support"}, headers={"HX-Request": "true"}).content
    html = html.decode()
    assert 'id="steun-knop-support"' in html and 'aria-pressed="true"' in html  # htmx refocuses by id
    live = html[html.index('<div id="pagina-melding" hx-swap-oob="innerHTML">') :]
    assert "1 steunt dit, 0 doen mee." in live
    assert 'role="status"' not in html  # the page's own live region announces; a new one would not be read


def test_anonymous_cannot_support(client, initiative):
    client.post(_url(initiative, "support"), {"soort": "support"})
    assert Support.objects.count() == 0


def test_a_stopped_initiative_takes_no_new_support(client_for, initiative):
    initiative.status = Status.STOPPED
    initiative.save()
    response = client_for(UserFactory()).post(_url(initiative, "support"), {"soort": "support"})
    assert response.status_code == 403 and Support.objects.count() == 0


def test_public_page_shows_story_needs_offers_team_and_news(client, initiative):
    TeamMemberFactory(initiative=initiative, user=UserFactory(display_name="Kees Penning"), role="treasurer")
    NeedFactory(initiative=initiative, title="Handen voor de bouwdag")
    OfferFactory(initiative=initiative, title="Kennis van moestuinieren")
    UpdateFactory(initiative=initiative, title="De eerste bak staat er")
    html = client.get(initiative.get_absolute_url()).content.decode()
    for text in [
        "<strong>samen</strong>",
        "Handen voor de bouwdag",
        "Kennis van moestuinieren",
        "De eerste bak staat er",
        "Kees Penning",
        "penningmeester",
        "De Linde",
    ]:
        assert text in html


def test_markdown_story_is_sanitised(client, initiative):
    initiative.story = "Hallo <script>alert(1)</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>"
    initiative.save()
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "javascript:alert" not in html and "onerror" not in html


def test_team_emails_never_appear_in_public_pages_or_exports(client, initiative):
    TeamMemberFactory(initiative=initiative, user=UserFactory(email="geheim.teamlid@voorbeeld.test"))
    TeamMember.objects.create(initiative=initiative, email="uitgenodigd.geheim@voorbeeld.test", token="abc")
    for url in [
        initiative.get_absolute_url(),
        LIST,
        reverse("initiatives:map", kwargs={"municipality": "lindeveen"}),
        reverse("initiatives:export_csv", kwargs={"municipality": "lindeveen"}),
        reverse("initiatives:export_geojson", kwargs={"municipality": "lindeveen"}),
        "/api/v1/initiatives?municipality=lindeveen",
        f"/api/v1/initiatives/{initiative.pk}",
        "/lindeveen/",
    ]:
        body = client.get(url).content.decode()
        assert "geheim" not in body, url
        assert initiative.initiator.email not in body, url


def test_overview_filters_and_isolation(client, municipality, other_municipality, initiative, themes, linde):
    initiative.themes.add(themes["groen"])
    energy = InitiativeFactory(
        municipality=municipality, title="Zonnedaken Dorp", slug="zonnedaken", status=Status.COACHED
    )
    energy.themes.add(themes["energie"])
    NeedFactory(initiative=energy, category="money", amount_eur=100)
    InitiativeFactory(municipality=municipality, title="Verborgen plan", slug="verborgen", is_hidden=True)
    InitiativeFactory(municipality=other_municipality, title="Heideborgs plan", slug="heideborg-plan")

    def titles(query=""):
        response = client.get(LIST + query)
        return {i.title for i in response.context["initiatives"]}

    assert titles() == {"Moestuin De Linde", "Zonnedaken Dorp"}
    assert titles("?thema=groen") == {"Moestuin De Linde"}
    assert titles("?wijk=de-linde") == {"Moestuin De Linde"}
    assert titles("?status=coached") == {"Zonnedaken Dorp"}
    assert titles("?vraag=money") == {"Zonnedaken Dorp"}
    assert titles("?status=onzin&vraag=raket") == {"Moestuin De Linde", "Zonnedaken Dorp"}  # stale links show all
    geo = client.get(reverse("initiatives:map", kwargs={"municipality": "lindeveen"}) + "?thema=energie").json()
    assert [f["properties"]["title"] for f in geo["features"]] == ["Zonnedaken Dorp"]


def test_sort_by_support_and_by_distance(client, municipality, initiative):
    far = InitiativeFactory(municipality=municipality, title="Ver weg", slug="ver-weg", lat=52.3, lon=5.3)
    SupportFactory.create_batch(2, initiative=far)
    response = client.get(LIST + "?sorteer=meeste-steun")
    assert [i.title for i in response.context["initiatives"]] == ["Ver weg", "Moestuin De Linde"]
    response = client.get(LIST + "?sorteer=dichtbij&lat=52.2&lon=5.2")
    assert [i.title for i in response.context["initiatives"]] == ["Moestuin De Linde", "Ver weg"]
    response = client.get(LIST + "?sorteer=dichtbij&lat=52.31&lon=5.31")
    assert [i.title for i in response.context["initiatives"]] == ["Ver weg", "Moestuin De Linde"]


def test_pagination(client, municipality):
    InitiativeFactory.create_batch(14, municipality=municipality)
    assert len(client.get(LIST).context["initiatives"]) == 12
    assert len(client.get(LIST + "?pagina=2").context["initiatives"]) == 2
    assert len(client.get(LIST + "?pagina=zeven").context["initiatives"]) == 12


def test_exports_hold_public_initiatives_of_this_municipality_only(
    client, municipality, other_municipality, initiative
):
    NeedFactory(initiative=initiative)
    SupportFactory(initiative=initiative)
    InitiativeFactory(municipality=municipality, title="Verborgen plan", slug="verborgen", is_hidden=True)
    InitiativeFactory(municipality=other_municipality, title="Heideborgs plan", slug="heideborg-plan")
    InitiativeFactory(municipality=municipality, title="=HYPERLINK(1)", slug="formule")
    body = client.get(reverse("initiatives:export_csv", kwargs={"municipality": "lindeveen"})).content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["titel"] for r in rows} == {"Moestuin De Linde", "'=HYPERLINK(1)"}
    row = next(r for r in rows if r["titel"] == "Moestuin De Linde")
    assert (row["wijk"], row["steunbetuigingen"], row["open_vragen"]) == ("De Linde", "1", "1")
    data = json.loads(client.get(reverse("initiatives:export_geojson", kwargs={"municipality": "lindeveen"})).content)
    assert {f["properties"]["titel"] for f in data["features"]} == {"Moestuin De Linde", "=HYPERLINK(1)"}
    assert data["features"][0]["geometry"]["type"] == "Point"


def test_home_section_shows_real_counts(client, municipality, initiative):
    InitiativeFactory(municipality=municipality, status=Status.REALISED)
    InitiativeFactory(municipality=municipality, status=Status.REALISED, is_hidden=True)
    response = client.get("/lindeveen/")
    section = next(s for s in response.context["sections"] if s["key"] == "initiatives")
    counts = {value: n for value, _label, n in section["context"]["counts"]}
    assert counts["submitted"] == 1 and counts["realised"] == 1 and section["context"]["total"] == 2
    assert "Initiatieven" in response.content.decode()


def _fill(municipality, n, themes):
    for _ in range(n):
        initiative = InitiativeFactory(municipality=municipality)
        initiative.themes.add(*themes.values())
        SupportFactory(initiative=initiative)
        NeedFactory(initiative=initiative)


def test_overview_query_count_does_not_grow(client, municipality, themes, django_assert_max_num_queries, resident):
    client.force_login(resident)
    _fill(municipality, 3, themes)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    _fill(municipality, 9, themes)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("initiatives:map", kwargs={"municipality": "lindeveen"}))


def test_detail_query_count_does_not_grow(client, initiative, django_assert_max_num_queries):
    fan = UserFactory()
    client.force_login(fan)

    def add(n):
        for _ in range(n):
            TeamMemberFactory(initiative=initiative)
            NeedFactory(initiative=initiative)
            OfferFactory(initiative=initiative)
            UpdateFactory(initiative=initiative)
            SupportFactory(initiative=initiative)
            FollowFactory(initiative=initiative)

    add(1)
    with django_assert_max_num_queries(40) as few:
        client.get(initiative.get_absolute_url())
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(initiative.get_absolute_url())


def test_other_municipalitys_initiative_is_404_here(client, other_municipality):
    theirs = InitiativeFactory(municipality=other_municipality, slug="van-heideborg")
    assert client.get(f"/lindeveen/initiatieven/{theirs.slug}/").status_code == 404
    assert client.get(theirs.get_absolute_url()).status_code == 200
