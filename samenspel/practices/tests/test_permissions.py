"""Role x state matrices for the library, the other municipality's staff included.

Subjects: a Lindeveen practice, published or withdrawn. "outsider" is coach and
administrator in Heideborg: they read a published Lindeveen practice and adopt it into
Heideborg, but adopt nothing into Lindeveen and withdraw nothing of Lindeveen's.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspel.audit.models import AuditEvent
from samenspel.core.tests.matrix import mismatches
from samenspel.initiatives.models import Initiative
from samenspel.practices.models import Adoption, Practice
from samenspel.practices.rules import AdoptionTarget

from .factories import PracticeFactory, practice_values

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "partner", "moderator", "coach", "admin", "outsider"]
STAFF = {"coach", "admin"}
EVERYONE = set(ROLES)

MATRIX = {
    "practices.view_practice": {"published": EVERYONE, "withdrawn": STAFF},
    "practices.publish_practice": {"lindeveen": STAFF, "heideborg": {"outsider"}},
    "practices.withdraw_practice": {"published": STAFF, "withdrawn": set()},
    # Adopting into Lindeveen: Lindeveen's staff; into Heideborg: Heideborg's.
    "practices.adopt_practice": {
        ("published", "lindeveen"): STAFF,
        ("published", "heideborg"): {"outsider"},
        ("withdrawn", "heideborg"): set(),
    },
    # Reporting results of an adoption: the adopting municipality's staff.
    "practices.report_adoption": {"heideborg": {"outsider"}, "lindeveen": STAFF},
}


@pytest.fixture
def practices(municipality):
    return {
        "published": PracticeFactory(municipality=municipality),
        "withdrawn": PracticeFactory(municipality=municipality, status="withdrawn"),
    }


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_matrix(people, practices, municipality, other_municipality, permission):
    places = {"lindeveen": municipality, "heideborg": other_municipality}

    def subject(state):
        if permission == "practices.publish_practice":
            return places[state]
        if permission == "practices.adopt_practice":
            return AdoptionTarget(practices[state[0]], places[state[1]])
        if permission == "practices.report_adoption":
            return Adoption.objects.create(practice=practices["published"], municipality=places[state], note="Hier.")
        return practices[state]

    wrong = mismatches(
        permission,
        MATRIX[permission],
        ROLES,
        user=lambda role, state: people[role] or AnonymousUser(),
        subject=subject,
    )
    assert wrong == {}


def snapshot():
    return (
        sorted(Practice.objects.values_list("pk", "status")),
        Adoption.objects.count(),
        Initiative.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
def test_publish_over_http(people, client_for, municipality, role):
    before = snapshot()
    response = client_for(people[role]).post(
        reverse("practices:publish", kwargs={"municipality": "lindeveen"}), practice_values()
    )
    if role in STAFF:
        assert response.status_code == 302
        assert Practice.objects.count() == 1
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before


@pytest.mark.parametrize("place", ["lindeveen", "heideborg"])
@pytest.mark.parametrize("role", ROLES)
def test_adopt_over_http(people, client_for, practices, other_municipality, role, place):
    practice = practices["published"]
    before = snapshot()
    path = reverse("practices:adopt", kwargs={"municipality": place, "pk": practice.pk})
    response = client_for(people[role]).post(path, {"note": "Zo doen wij het hier.", "start_initiative": "on"})
    allowed = MATRIX["practices.adopt_practice"][("published", place)]
    if role in allowed:
        assert response.status_code == 302, response.content.decode()[:1000]
        adoption = Adoption.objects.get()
        assert adoption.municipality.slug == place and adoption.initiative.municipality.slug == place
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_over_http(people, client_for, practices, role):
    practice = practices["published"]
    before = snapshot()
    path = reverse("practices:withdraw", kwargs={"municipality": "lindeveen", "pk": practice.pk})
    response = client_for(people[role]).post(path, {"reason": "Verouderd."})
    if role in STAFF:
        assert response.status_code == 302
        practice.refresh_from_db()
        assert practice.status == "withdrawn"
    else:
        assert response.status_code == 403
        assert snapshot() == before


def test_withdrawing_from_another_municipalitys_pages_is_refused(people, client_for, practices):
    before = snapshot()
    path = reverse("practices:withdraw", kwargs={"municipality": "heideborg", "pk": practices["published"].pk})
    assert client_for(people["outsider"]).post(path, {"reason": "x"}).status_code == 403
    assert client_for(people["coach"]).post(path, {"reason": "x"}).status_code == 403
    assert snapshot() == before


def test_a_withdrawn_practice_is_not_found_outside_its_staff(people, client_for, practices):
    withdrawn = practices["withdrawn"]
    for place in ("lindeveen", "heideborg"):
        path = reverse("practices:detail", kwargs={"municipality": place, "pk": withdrawn.pk})
        assert client_for(people["outsider"]).get(path).status_code == 404
        assert client_for(people["resident"]).get(path).status_code == 404
    path = reverse("practices:detail", kwargs={"municipality": "lindeveen", "pk": withdrawn.pk})
    assert client_for(people["coach"]).get(path).status_code == 200
    adopt = reverse("practices:adopt", kwargs={"municipality": "heideborg", "pk": withdrawn.pk})
    before = snapshot()
    assert client_for(people["outsider"]).post(adopt, {"note": "x"}).status_code == 404
    assert snapshot() == before


def test_publishing_without_a_field_says_why_in_dutch(people, client_for):
    before = snapshot()
    response = client_for(people["coach"]).post(
        reverse("practices:publish", kwargs={"municipality": "lindeveen"}), practice_values(evidence_level="")
    )
    assert response.status_code == 400
    assert "Kies de bewijskracht." in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("place", ["lindeveen", "heideborg"])
@pytest.mark.parametrize("role", ROLES)
def test_report_adoption_results_over_http(people, client_for, practices, other_municipality, role, place):
    adoption = Adoption.objects.create(practice=practices["published"], municipality=other_municipality, note="Hier.")
    before = (snapshot(), Adoption.objects.get().results)
    path = reverse(
        "practices:report_adoption", kwargs={"municipality": place, "pk": adoption.practice_id, "adoption": adoption.pk}
    )
    response = client_for(people[role]).post(path, {"results": "Veertien aanvragen in het eerste jaar."})
    if place == "lindeveen":
        assert response.status_code == 404  # not Lindeveen's adoption: not found on its pages
    elif role == "outsider":
        assert response.status_code == 302
        assert Adoption.objects.get().results == "Veertien aanvragen in het eerste jaar."
        return
    else:
        assert response.status_code == 403
    assert (snapshot(), Adoption.objects.get().results) == before
