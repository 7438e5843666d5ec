import pytest
from django.urls import reverse

from samenspel.core.tests.factories import OrganisationFactory, OrganisationMembershipFactory, UserFactory
from samenspel.organisations.models import Organisation, OrganisationMembership


def _url(name, organisation, **extra):
    return reverse(name, kwargs={"municipality": organisation.municipality.slug, "slug": organisation.slug, **extra})


@pytest.fixture
def organisation(partner_member):
    return partner_member.organisations.get()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("resident", False),
        ("coach", False),
        ("admin", False),
        ("partner", True),
        ("outsider", False),
    ],
)
def test_only_the_organisations_admin_approves_members(people, client_for, organisation, role, allowed):
    request = OrganisationMembershipFactory(organisation=organisation, status=OrganisationMembership.Status.REQUESTED)
    response = client_for(people[role]).post(
        _url("organisations:decide", organisation, pk=request.pk), {"besluit": "goedkeuren"}
    )
    request.refresh_from_db()
    assert (request.status == OrganisationMembership.Status.APPROVED) is allowed
    if not allowed:
        assert response.status_code in (302, 403) and response.status_code != 200


@pytest.mark.django_db
def test_a_resident_asks_to_join_and_the_admin_approves(people, client_for, organisation):
    resident = people["resident"]
    client_for(resident).post(_url("organisations:join", organisation))
    membership = OrganisationMembership.objects.get(organisation=organisation, user=resident)
    assert membership.status == OrganisationMembership.Status.REQUESTED
    client_for(people["partner"]).post(
        _url("organisations:decide", organisation, pk=membership.pk), {"besluit": "goedkeuren"}
    )
    membership.refresh_from_db()
    assert membership.status == OrganisationMembership.Status.APPROVED


@pytest.mark.django_db
def test_contact_persons_are_visible_to_members_only(people, client_for, organisation):
    name = people["partner"].display_name
    assert name not in client_for(None).get(_url("organisations:detail", organisation)).content.decode()
    assert name in client_for(people["partner"]).get(_url("organisations:detail", organisation)).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("kvk", "ok"), [("12345678", True), ("1234567", False), ("1234567a", False)])
def test_kvk_number_is_checked_for_format(client_for, resident, municipality, kvk, ok):
    response = client_for(resident).post(
        reverse("organisations:new", kwargs={"municipality": municipality.slug}),
        {"name": "Buurtbus Lindeveen", "kind": Organisation.Kind.ASSOCIATION, "kvk_number": kvk},
    )
    assert Organisation.objects.filter(name="Buurtbus Lindeveen").exists() is ok
    if not ok:
        assert "Een KvK-nummer bestaat uit precies 8 cijfers." in response.content.decode()


@pytest.mark.django_db
def test_the_creator_becomes_the_admin(client_for, resident, municipality):
    client_for(resident).post(
        reverse("organisations:new", kwargs={"municipality": municipality.slug}),
        {"name": "Repair Café Lindeveen", "kind": Organisation.Kind.ASSOCIATION},
    )
    organisation = Organisation.objects.get(name="Repair Café Lindeveen")
    assert resident.has_perm("organisations.approve_member", organisation)
    assert not UserFactory().has_perm("organisations.approve_member", organisation)


@pytest.mark.django_db
def test_organisation_list_has_no_n_plus_one(client, municipality, django_assert_max_num_queries):
    for _ in range(5):
        OrganisationMembershipFactory(organisation=OrganisationFactory(municipality=municipality))
    with django_assert_max_num_queries(12):
        client.get(reverse("organisations:list", kwargs={"municipality": municipality.slug}))
