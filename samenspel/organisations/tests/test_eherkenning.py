"""eHerkenning through the stand-in broker: the KvK number must be the organisation's."""

import pytest
from django.contrib.messages import get_messages

from samenspel.accounts.tests.identity_flow import through_broker
from samenspel.accounts.tests.oidc_provider import TEST_KVKS, oidc_provider  # noqa: F401 (a fixture)
from samenspel.organisations.models import Organisation, OrganisationMembership


@pytest.fixture
def organisation(municipality):
    from samenspel.core.tests.factories import OrganisationFactory

    return OrganisationFactory(municipality=municipality, slug="woonstichting", kvk_number=TEST_KVKS[0])


def _confirm(client, server, kvk, level="substantial"):
    page = "/lindeveen/organisaties/woonstichting/eherkenning/"
    start = client.get(page)
    assert start.status_code == 302 and start["Location"].startswith("/account/eherkenning/?next=")
    back = through_broker(client, server, "/account/eherkenning/", identifier=kvk, level=level, next_url=page)
    assert back["Location"] == page
    return client.get(page)


@pytest.mark.django_db
def test_a_matching_kvk_number_makes_an_approved_member(client, resident, organisation, oidc_provider):  # noqa: F811
    client.force_login(resident)
    response = _confirm(client, oidc_provider, TEST_KVKS[0])
    assert response["Location"] == organisation.get_absolute_url()
    membership = OrganisationMembership.objects.get(organisation=organisation, user=resident)
    assert membership.status == "approved" and membership.eherkenning_verified_at is not None


@pytest.mark.django_db
def test_another_kvk_number_is_refused_in_dutch(client, resident, organisation, oidc_provider):  # noqa: F811
    client.force_login(resident)
    response = _confirm(client, oidc_provider, TEST_KVKS[1])
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert f"Het KvK-nummer van uw eHerkenning ({TEST_KVKS[1]}) hoort niet bij" in said
    assert not OrganisationMembership.objects.filter(user=resident).exists()


@pytest.mark.django_db
def test_a_low_level_is_refused(client, resident, organisation, oidc_provider):  # noqa: F811
    client.force_login(resident)
    _confirm(client, oidc_provider, TEST_KVKS[0], level="low")
    assert not OrganisationMembership.objects.filter(user=resident).exists()


@pytest.mark.django_db
def test_anonymous_visitors_log_in_first(client, organisation, oidc_provider):  # noqa: F811
    response = client.get("/lindeveen/organisaties/woonstichting/eherkenning/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert Organisation.objects.count() == 1
