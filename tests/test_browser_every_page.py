"""Every page of the demo municipality, as each person who uses it, on a desktop and on a phone.

The stories in each app follow one journey; this walks every page a person can reach, so a
page no story visits still has to pass what `session.check()` asks of each: axe-core clean,
no JavaScript or console error, and no sideways scrolling at 320 CSS px (WCAG 1.4.10). It runs
on the demo data, so pages are as full as they will be in a demo: long names, full tables.
"""

import pytest
from django.core.management import call_command

from samenspel.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _paths(role: str) -> list[str]:
    """The pages a person in `role` reaches from the menus, with real objects from the demo."""
    from samenspel.budgeting.models import BudgetRound
    from samenspel.coaching.models import RuleObstacle
    from samenspel.experiments.models import Experiment
    from samenspel.funding.models import FundingAgreement
    from samenspel.initiatives.models import Initiative
    from samenspel.insights.models import ParticipationReport
    from samenspel.marketplace.models import Need, Offer
    from samenspel.organisations.models import Organisation
    from samenspel.practices.models import Practice
    from samenspel.rights.models import RightRequest
    from samenspel.vision.models import VisionProcess

    town = "/lindeveen"
    initiative = Initiative.objects.filter(municipality__slug="lindeveen").order_by("pk").first()
    process = VisionProcess.objects.filter(municipality__slug="lindeveen").first()
    rounds = list(BudgetRound.objects.filter(municipality__slug="lindeveen").order_by("pk"))
    organisation = Organisation.objects.filter(municipality__slug="lindeveen").first()
    need = Need.objects.filter(municipality__slug="lindeveen").first()
    offer = Offer.objects.filter(municipality__slug="lindeveen").first()
    obstacle = RuleObstacle.objects.filter(initiative__municipality__slug="lindeveen").first()
    right_requests = RightRequest.objects.filter(municipality__slug="lindeveen").exclude(state="draft")
    granted = right_requests.filter(agreement__isnull=False).order_by("pk").first()
    waiting = right_requests.order_by("pk").first()
    agreement = FundingAgreement.objects.filter(municipality__slug="lindeveen").public().order_by("pk").first()
    experiment = Experiment.objects.filter(municipality__slug="lindeveen").order_by("pk").first()
    practice = Practice.objects.published().order_by("pk").first()
    report = ParticipationReport.objects.filter(municipality__slug="lindeveen").published().first()
    public = [
        "/",
        f"{town}/",
        f"{town}/initiatieven/",
        f"{initiative.get_absolute_url()}",
        f"{town}/regelknelpunten/",
        f"{town}/marktplaats/",
        f"{town}/marktplaats/vraag/{need.pk}/",
        f"{town}/marktplaats/aanbod/{offer.pk}/",
        f"{town}/organisaties/",
        f"{organisation.get_absolute_url()}",
        f"{process.get_absolute_url()}",
        f"{process.get_absolute_url()}stellingen/",
        f"{process.get_absolute_url()}opiniekaart/",
        f"{process.get_absolute_url()}visie/",
        f"{town}/burgerbegroting/",
        *[budget_round.get_absolute_url() for budget_round in rounds],
        *[
            f"{budget_round.get_absolute_url()}uitslag/"
            for budget_round in rounds
            if budget_round.results.exclude(published_at=None).exists()
        ],
        f"{town}/buurtrechten/",
        f"{town}/buurtrechten/verordening/",
        granted.get_absolute_url(),
        waiting.get_absolute_url(),
        f"{town}/resultaatfinanciering/",
        agreement.get_absolute_url(),
        f"{town}/experimenten/",
        f"{town}/experimenten/{experiment.pk}/",
        f"{town}/wat-werkt/",
        f"{town}/wat-werkt/{practice.pk}/",
        f"{town}/signalen/",
        f"{town}/signalen/verslagen/",
        f"{town}/signalen/verslagen/{report.year}/",
        "/privacy/",
        "/toegankelijkheid/",
        "/over/",
        "/api/v1/documentatie/",
    ]
    if obstacle is not None:
        public.append(f"{town}/regelknelpunten/{obstacle.rule_id}/")
    if role == "anonymous":
        return [*public, "/account/login/", "/account/signup/"]
    own = ["/account/profiel/", "/account/meldingen/", f"{town}/marktplaats/kennismakingen/"]
    staff = {
        "coach": [
            f"{town}/begeleiding/",
            f"{town}/begeleiding/?weergave=open",
            f"{town}/begeleiding/{initiative.slug}/",
            f"{town}/buurtrechten/{waiting.pk}/behandeling/",
            f"{town}/experimenten/nieuw/",
            f"{town}/signalen/gemeente/",
        ],
        "moderator": [f"{town}/moderatie/", f"{process.get_absolute_url()}moderatie/"],
        "admin": [
            f"{town}/beheer/rollen/",
            f"{town}/beheer/audittrail/",
            f"{process.get_absolute_url()}beheer/",
            f"{town}/burgerbegroting/nieuw/",
            f"{town}/marktplaats/inzicht/",
            f"{town}/buurtrechten/verordening/nieuw/",
            f"{town}/resultaatfinanciering/nieuw/",
            f"{town}/wat-werkt/publiceren/",
        ],
        "initiator": [
            f"{town}/initiatieven/nieuw/",
            f"{town}/marktplaats/vraag/nieuw/",
            f"{town}/buurtrechten/nieuw/challenge/",
        ],
    }
    return own + staff.get(role, [])


ACCOUNTS = {
    "anonymous": None,
    "resident": "inwoner@lindeveen.test",
    "initiator": "initiatiefnemer@lindeveen.test",
    "coach": "coach@lindeveen.test",
    "moderator": "moderator@lindeveen.test",
    "admin": "beheer@lindeveen.test",
}


@pytest.fixture
def demo(transactional_db):
    from io import StringIO

    call_command("seed_demo", stdout=StringIO())


def _log_in(session, email):
    page = session.page
    page.context.clear_cookies()
    if email is None:
        return
    page.goto(session.base_url + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_label("Wachtwoord", exact=True).press("Enter")
    page.wait_for_load_state("networkidle")


def test_every_page_passes_for_every_role(session, demo):
    visited = []
    for role, email in ACCOUNTS.items():
        _log_in(session, email)
        for path in _paths(role):
            response = session.page.goto(session.base_url + path)
            assert response.status == 200, f"{role} {path}: {response.status}"
            session.check()
            visited.append(path)
    # The walk is the point: it must not silently shrink.
    assert len(set(visited)) >= 59
