"""A submitter's part of the buurtrechten in their data download, and what deleting the account leaves."""

import pytest

from samenspel.accounts.personal_data import erase, export_data
from samenspel.rights.models import RightRequest, State, Support

from .factories import in_state

pytestmark = pytest.mark.django_db


def test_download_and_deletion(ordinance, municipality, resident, coach, municipality_admin, partner_member):
    request = in_state(municipality, resident, coach, municipality_admin, State.PUBLIC)
    Support.objects.create(request=request, user=partner_member)
    data = export_data(user=resident)
    assert data["buurtrechten"]["requests"][0]["contact_email"] == "geheim.contact@voorbeeld.test"
    assert export_data(user=partner_member)["buurtrechten"]["supported"] == [request.title]

    erase(user=resident)
    request = RightRequest.objects.get(pk=request.pk)
    # The public procedure stays, in the group's name, without the person or their contact data.
    assert request.submitted_by is None and request.group_name
    assert "geheim" not in request.contact_email and request.contact_phone == ""
    erase(user=partner_member)
    assert not Support.objects.filter(request=request).exists()
