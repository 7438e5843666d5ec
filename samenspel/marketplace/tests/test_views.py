"""Pages and API: who may do what, and contact details that never leak early."""

import pytest
from django.urls import reverse

from .. import pipeline, services
from ..models import Category, Introduction, IntroductionStatus, ListingStatus, Need, Offer
from .factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(f"marketplace:{name}", kwargs={"municipality": municipality.slug, **kwargs})


@pytest.fixture
def everyone(people, cast):
    return {
        **people,
        "need_owner": cast.initiator,
        "need_team": cast.team_member,
        "offer_member": cast.org_member,
        "other_org_member": cast.other_org_member,
    }


@pytest.fixture
def intro(cast):
    return services.introduction_propose(need=cast.need, offer=cast.offer, user=cast.initiator, message="Past dit?")


def test_marketplace_page_lists_filters_and_maps(client, cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    response = client.get(url("index", cast.municipality), {"soort": "space", "wijk": "de-linde"})
    html = response.content.decode()
    assert response.status_code == 200
    assert cast.need.title in html and cast.offer.title in html
    assert 'id="kaart-data"' in html and "data-map-data" in html
    empty = client.get(url("index", cast.municipality), {"soort": "money"}).content.decode()
    assert cast.need.title not in empty
    themed = client.get(url("index", cast.municipality), {"thema": "wonen", "type": "aanbod"}).content.decode()
    assert cast.offer.title in themed and cast.need.title not in themed


def test_marketplace_page_query_count_is_constant(client, cast, django_assert_max_num_queries):
    page = url("index", cast.municipality)
    client.get(page)
    with django_assert_max_num_queries(14) as few:
        client.get(page)
    for i in range(15):
        NeedFactory(initiative=cast.initiative, title=f"Vraag {i}")
        OfferFactory(organisation=cast.organisation, municipality=cast.municipality, title=f"Aanbod {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page)


def test_need_page_shows_ranked_matches_with_explanation_and_introduction_button(client_for, cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    html = client_for(cast.initiator).get(url("need", cast.municipality, pk=cast.need.pk)).content.decode()
    assert cast.offer.title in html and "Stel een kennismaking voor" in html
    assert "ruimte" in html
    anonymous = client_for(None).get(url("need", cast.municipality, pk=cast.need.pk)).content.decode()
    assert cast.offer.title in anonymous and "Stel een kennismaking voor" not in anonymous


def test_listing_of_another_municipality_is_404(client, cast, other_municipality):
    assert client.get(url("need", other_municipality, pk=cast.need.pk)).status_code == 404


PAGE_MATRIX = {
    # role: (publish form, introduction page, insights)
    "anonymous": (302, 302, 302),
    "resident": (200, 403, 403),
    "need_owner": (200, 200, 403),
    "need_team": (200, 200, 403),
    "offer_member": (200, 200, 403),
    "other_org_member": (200, 403, 403),
    "coach": (200, 200, 200),
    "admin": (200, 200, 200),
    "outsider": (403, 403, 403),
}


@pytest.mark.parametrize("role", PAGE_MATRIX)
def test_page_permission_matrix(client_for, everyone, cast, intro, role):
    client = client_for(everyone[role])
    publish, introduction, insights = PAGE_MATRIX[role]
    assert client.get(url("offer_new", cast.municipality)).status_code == publish
    assert client.get(url("introduction", cast.municipality, pk=intro.pk)).status_code == introduction
    assert client.get(url("insights", cast.municipality)).status_code == insights


RESPOND_MATRIX = {
    "anonymous": False,
    "resident": False,
    "need_owner": False,
    "need_team": False,
    "offer_member": True,
    "other_org_member": False,
    "coach": False,
    "admin": False,
    "outsider": False,
}


@pytest.mark.parametrize("role", RESPOND_MATRIX)
def test_only_the_waiting_side_may_accept(client_for, everyone, cast, intro, role):
    response = client_for(everyone[role]).post(
        url("introduction_answer", cast.municipality, pk=intro.pk), {"antwoord": "accepteren"}
    )
    intro.refresh_from_db()
    if RESPOND_MATRIX[role]:
        assert response.status_code == 302 and intro.status == IntroductionStatus.ACCEPTED
    else:
        assert response.status_code in (302, 403) and intro.status == IntroductionStatus.PROPOSED
        assert intro.offer_side_accepted_at is None


PROPOSE_MATRIX = {
    "anonymous": 302,
    "resident": 403,
    "need_owner": 302,
    "need_team": 302,
    "offer_member": 302,
    "other_org_member": 403,
    "coach": 302,
    "admin": 302,
    "outsider": 403,
}


@pytest.mark.parametrize("role", PROPOSE_MATRIX)
def test_who_may_propose_an_introduction(client_for, everyone, cast, role):
    response = client_for(everyone[role]).post(
        url("introduce", cast.municipality), {"need": cast.need.pk, "offer": cast.offer.pk}
    )
    assert response.status_code == PROPOSE_MATRIX[role]
    created = Introduction.objects.exists()
    assert created == (role not in ("anonymous", "resident", "other_org_member", "outsider"))


EDIT_MATRIX = {
    "anonymous": 302,
    "resident": 403,
    "need_owner": 403,
    "offer_member": 200,
    "other_org_member": 403,
    "coach": 403,
    "admin": 403,
    "outsider": 403,
}


@pytest.mark.parametrize("role", EDIT_MATRIX)
def test_who_may_edit_an_organisation_offer(client_for, everyone, cast, role):
    client = client_for(everyone[role])
    assert client.get(url("offer_edit", cast.municipality, pk=cast.offer.pk)).status_code == EDIT_MATRIX[role]
    client.post(url("offer_status", cast.municipality, pk=cast.offer.pk), {"status": "withdrawn"})
    cast.offer.refresh_from_db()
    assert (cast.offer.status == ListingStatus.WITHDRAWN) == (EDIT_MATRIX[role] == 200)


def test_initiative_listings_are_edited_on_the_initiative_page(client_for, cast):
    response = client_for(cast.initiator).get(url("need_edit", cast.municipality, pk=cast.need.pk))
    assert response.status_code == 403


def test_publish_form_as_person_and_for_organisation(client_for, cast):
    client = client_for(cast.org_member)
    response = client.post(
        url("offer_new", cast.municipality),
        {
            "on_behalf": str(cast.organisation.pk),
            "category": Category.SPACE,
            "title": "Vergaderzaal op maandag",
            "description": "Zaal voor 12 personen in ons kantoor.",
            "availability": "maandagavond",
        },
    )
    offer = Offer.objects.get(title="Vergaderzaal op maandag")
    assert response.status_code == 302 and offer.organisation == cast.organisation
    client.post(
        url("need_new", cast.municipality),
        {
            "on_behalf": "persoon",
            "category": Category.KNOWLEDGE,
            "title": "Wie weet iets van bijen?",
            "description": "Ik wil een bijenkast op het dak.",
        },
    )
    assert Need.objects.get(title="Wie weet iets van bijen?").person == cast.org_member


def test_publish_form_bad_input_shows_dutch_errors_and_saves_nothing(client_for, cast):
    before = Need.objects.count()
    response = client_for(cast.org_member).post(
        url("need_new", cast.municipality),
        {"on_behalf": "persoon", "category": Category.MONEY, "title": "", "description": "Geld voor de buurtkeuken"},
    )
    html = response.content.decode()
    assert response.status_code == 400  # the page again, with the bound form
    assert "Vermeld bij een vraag om geld het bedrag in euro." in html
    assert "Dit veld is vereist" in html
    assert Need.objects.count() == before


def test_publishing_for_someone_elses_organisation_is_not_offered(client_for, cast):
    response = client_for(cast.other_org_member).post(
        url("offer_new", cast.municipality),
        {"on_behalf": str(cast.organisation.pk), "category": Category.SPACE, "title": "Nep", "description": "Nep"},
    )
    assert response.status_code == 400 and "geldige keuze" in response.content.decode()
    assert not Offer.objects.filter(title="Nep").exists()


def test_rate_limit_message_on_the_page(client_for, cast, settings):
    client = client_for(cast.initiator)
    offers = [OfferFactory(organisation=cast.organisation, municipality=cast.municipality) for _ in range(11)]
    for offer in offers:
        response = client.post(
            url("introduce", cast.municipality), {"need": cast.need.pk, "offer": offer.pk}, follow=True
        )
    assert "morgen opnieuw" in response.content.decode()
    assert Introduction.objects.count() == services.INTRODUCTIONS_PER_DAY


# --- Contact details never leak before both sides accept ----------------------------------------


def _all_surfaces(client, cast, intro):
    pages = [
        url("index", cast.municipality),
        url("need", cast.municipality, pk=cast.need.pk),
        url("offer", cast.municipality, pk=cast.offer.pk),
        url("introduction", cast.municipality, pk=intro.pk),
        url("introductions", cast.municipality),
        reverse("municipality_home", kwargs={"municipality": cast.municipality.slug}),
        f"/api/v1/needs?municipality={cast.municipality.slug}",
        f"/api/v1/offers?municipality={cast.municipality.slug}",
        f"/api/v1/organisations?municipality={cast.municipality.slug}",
        f"/api/v1/matches?need={cast.need.pk}",
        f"/api/v1/matches?offer={cast.offer.pk}",
    ]
    return "\n".join(client.get(p).content.decode() for p in pages)


def test_contact_details_appear_only_after_both_sides_accept(client_for, cast, intro, people):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    emails = [cast.initiator.email, cast.team_member.email, cast.org_member.email]
    viewers = [cast.initiator, cast.team_member, cast.org_member, people["coach"], people["resident"], None]
    for viewer in viewers:
        seen = _all_surfaces(client_for(viewer), cast, intro)
        for email in emails:
            # One's own address may show in the page header; never someone else's.
            if viewer is None or email != viewer.email:
                assert email not in seen, (viewer, email)

    services.introduction_respond(introduction=intro, user=cast.org_member, accept=True, contact="Bel 010-7654321")
    intro_page = url("introduction", cast.municipality, pk=intro.pk)
    # The accepters see each other's name and what each chose to share, never an account address.
    seen_by_initiator = client_for(cast.initiator).get(intro_page).content.decode()
    assert "Bel 010-7654321" in seen_by_initiator and cast.org_member.display_name in seen_by_initiator
    assert cast.org_member.email not in seen_by_initiator
    seen_by_partner = client_for(cast.org_member).get(intro_page).content.decode()
    assert cast.initiator.display_name in seen_by_partner and "Past dit?" in seen_by_partner
    assert cast.initiator.email not in seen_by_partner
    # The teammate took no part: the partner sees neither her address nor her name, nor she the partner's.
    assert cast.team_member.email not in seen_by_partner and cast.team_member.display_name not in seen_by_partner
    seen_by_teammate = client_for(cast.team_member).get(intro_page).content.decode()
    assert "Bel 010-7654321" not in seen_by_teammate and cast.org_member.display_name not in seen_by_teammate
    for viewer in (people["coach"], people["resident"], None):
        seen = _all_surfaces(client_for(viewer), cast, intro)
        assert not any(email in seen for email in emails), viewer
        assert "Bel 010-7654321" not in seen and "Past dit?" not in seen, viewer


def test_matches_api_needs_a_need_or_offer(client, cast):
    response = client.get("/api/v1/matches")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/matches?need=abc").status_code == 400


def test_matches_api_gives_public_explanation_and_score(client, cast):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    data = client.get(f"/api/v1/matches?need={cast.need.pk}").json()
    top = data["results"][0]
    assert top["offer"]["id"] == cast.offer.pk and top["offer"]["owner_name"] == cast.organisation.name
    assert top["explanation"] and 0 < top["score"] <= 1


def test_organisations_api_has_public_fields_only(client, cast):
    data = client.get(f"/api/v1/organisations?municipality={cast.municipality.slug}").json()
    woon = next(o for o in data["results"] if o["slug"] == "woonstichting")
    assert woon["open_offers"] == 1 and "members" not in woon
    assert client.get("/api/v1/organisations?municipality=nergens").status_code == 400


def test_openapi_schema_generates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/matches" in paths and "/api/v1/organisations" in paths


def test_insights_show_charts_with_tables(client_for, cast, coach, intro):
    pipeline.matches_recompute(municipality_id=cast.municipality.pk)
    html = client_for(coach).get(url("insights", cast.municipality)).content.decode()
    assert html.count('role="img"') == 4 and html.count("<table") == 4
    assert "Open vragen per soort" in html and "Tijd tot de eerste match" in html and "100%" in html


def test_digest_opt_in_on_the_introductions_page(client_for, cast):
    from ..models import MatchDigestSubscription

    client = client_for(cast.org_member)
    client.post(url("digest", cast.municipality), {"active": "on"})
    assert MatchDigestSubscription.objects.get(user=cast.org_member).is_active
    client.post(url("digest", cast.municipality), {})
    assert not MatchDigestSubscription.objects.get(user=cast.org_member).is_active


def test_home_section_counts_open_listings(client, cast):
    html = client.get(reverse("municipality_home", kwargs={"municipality": cast.municipality.slug})).content.decode()
    assert "1 open vragen en 1 keer aanbod" in html


def test_an_accepter_sets_what_she_shares_on_the_page(client_for, cast, intro):
    client = client_for(cast.initiator)
    page = url("introduction", cast.municipality, pk=intro.pk)
    assert "Wat u deelt met de andere kant" in client.get(page).content.decode()
    response = client.post(url("introduction_contact", cast.municipality, pk=intro.pk), {"contact": "06 55 44 33 22"})
    assert response.status_code == 302
    intro.refresh_from_db()
    assert intro.need_side_contact == "06 55 44 33 22"
    # The teammate took no part: no form, and a forged POST changes nothing.
    teammate = client_for(cast.team_member)
    assert "Wat u deelt met de andere kant" not in teammate.get(page).content.decode()
    response = teammate.post(url("introduction_contact", cast.municipality, pk=intro.pk), {"contact": "nep"})
    assert response.status_code == 403
    intro.refresh_from_db()
    assert intro.need_side_contact == "06 55 44 33 22"
