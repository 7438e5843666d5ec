import pytest
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.municipalities.models import Membership, Role

URL = reverse("municipalities:roles", kwargs={"municipality": "lindeveen"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"), [("resident", 403), ("coach", 403), ("moderator", 403), ("outsider", 403), ("admin", 200)]
)
def test_only_the_municipality_admin_sees_role_management(people, client_for, role, status):
    assert client_for(people[role]).get(URL).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["resident", "coach", "outsider"])
def test_others_cannot_grant_roles(people, client_for, role):
    before = Membership.objects.count()
    response = client_for(people[role]).post(URL, {"email": people["resident"].email, "role": Role.ADMIN})
    assert response.status_code == 403
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_admin_grants_a_coach_role_and_it_is_audited(people, client_for, municipality):
    resident = people["resident"]
    response = client_for(people["admin"]).post(URL, {"email": resident.email.upper(), "role": Role.COACH})
    assert response.status_code == 302
    assert resident.has_perm("municipalities.view_coach_desk", municipality)
    event = AuditEvent.objects.get(action="role.granted")
    assert event.actor == people["admin"] and event.municipality == municipality


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "onbekend@voorbeeld.test", "role": Role.COACH}, "Er is geen account met dit e-mailadres"),
        ({"email": "geen-adres", "role": Role.COACH}, "geldig e-mailadres"),
        ({"email": "", "role": Role.COACH}, "Dit veld is vereist"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_changes_nothing(people, client_for, data, message):
    before = Membership.objects.count()
    response = client_for(people["admin"]).post(URL, data)
    assert response.status_code == 400  # the page again with the bound form, as every refused action
    assert message in response.content.decode()
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_admin_cannot_revoke_their_own_admin_role(people, client_for, municipality):
    admin = people["admin"]
    own = Membership.objects.get(user=admin, municipality=municipality, role=Role.ADMIN)
    client_for(admin).post(reverse("municipalities:revoke_role", kwargs={"municipality": "lindeveen", "pk": own.pk}))
    assert Membership.objects.filter(pk=own.pk).exists()


@pytest.mark.django_db
def test_audit_trail_cannot_be_changed(people, municipality):
    from samenspel.audit.services import audit_record

    event = audit_record(municipality=municipality, actor=people["admin"], action="test", summary="iets")
    event.summary = "iets anders"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="stiekem")
    with pytest.raises(PermissionError):
        event.delete()
