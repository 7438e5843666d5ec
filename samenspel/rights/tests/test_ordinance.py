"""An administrator records a new version of the participatieverordening through its form page."""

import datetime

import pytest
from django.urls import reverse

from samenspel.rights.models import Ordinance, RightTerms

pytestmark = pytest.mark.django_db

URL = reverse("rights:adopt", kwargs={"municipality": "lindeveen"})
TODAY = datetime.date.today()


def _data(**changes):
    data = {
        "reference": "Participatieverordening Lindeveen 2027",
        "adopted_on": TODAY.isoformat(),
        "in_force_from": TODAY.isoformat(),
        "challenge_granted": "on",
        "challenge_acknowledge_weeks": "1",
        "challenge_admissibility_weeks": "3",
        "challenge_decision_weeks": "12",
        "challenge_extension_allowed": "on",
        "challenge_extension_weeks": "4",
        "challenge_required_parts": ["task", "better", "costs"],
        "challenge_criteria": ["roots", "support"],
        "challenge_excluded_tasks": "handhaving\nparkeerbeheer",
    }
    data.update(changes)
    return data


def test_the_form_shows_the_current_terms_and_records_a_new_version(client_for, ordinance, municipality_admin):
    client = client_for(municipality_admin)
    page = client.get(URL)
    assert page.status_code == 200 and "Verdaging ten hoogste (weken)" in page.content.decode()
    response = client.post(URL, _data())
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Ordinance.objects.get(version=2)
    terms = new.terms.get()
    assert (terms.right, terms.decision_weeks, terms.excluded_tasks) == (
        "challenge",
        12,
        ["handhaving", "parkeerbeheer"],
    )
    assert ordinance.terms.count() == 3  # the old version stays as it was


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"challenge_decision_weeks": "6"}, "ten minste 8 weken"),
        ({"in_force_from": (TODAY - datetime.timedelta(days=1)).isoformat()}, "kan niet terugwerken"),
        ({"challenge_granted": ""}, "ten minste één buurtrecht"),
        ({"challenge_extension_weeks": "0"}, "ten hoogste kan worden verdaagd"),
    ],
)
def test_bad_versions_are_refused_in_dutch_and_nothing_is_saved(
    client_for, ordinance, municipality_admin, changes, message
):
    response = client_for(municipality_admin).post(URL, _data(**changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert Ordinance.objects.count() == 1 and RightTerms.objects.count() == 3


@pytest.mark.parametrize("role", ["anonymous", "resident", "coach", "outsider"])
def test_only_the_municipalitys_administrators_may(client_for, ordinance, people, role):
    response = client_for(people[role]).post(URL, _data())
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert Ordinance.objects.count() == 1
