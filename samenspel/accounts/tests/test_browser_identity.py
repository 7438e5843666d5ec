"""In a real browser: a resident logs in through the (stand-in) DigiD broker and votes in a
round for verified residents; a coach sets up an authenticator app and logs in with its code,
once with the mouse and once by keyboard only."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection

from samenspel.accounts.models import IdentityLink
from samenspel.accounts.services import identity_hash
from samenspel.budgeting.models import Ballot
from samenspel.budgeting.phases import Phase
from samenspel.budgeting.tests.factories import BudgetRoundFactory, PlanFactory
from samenspel.core.tests.keyboard import tab_to, type_into

from .identity_flow import totp_code
from .oidc_provider import oidc_provider  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "999990019"
PASSWORD = "een-lang-wachtwoord"


def test_a_resident_logs_in_with_digid_and_votes(session, municipality, resident, oidc_provider):  # noqa: F811
    budget_round = BudgetRoundFactory(
        municipality=municipality, phase=Phase.VOTING, voter_mode="verified", min_age=0,
        slug="iedereen-begroot", title="Iedereen Begroot",
    )  # fmt: skip
    PlanFactory(budget_round=budget_round, title="Speeltuin Zuiderpark", cost=60_000)
    PlanFactory(budget_round=budget_round, title="Moestuin De Linde", cost=30_000)
    # She confirmed her account with DigiD before; the database knows only the keyed hash.
    IdentityLink.objects.create(
        user=resident, scheme="digid", subject_hash=identity_hash(scheme="digid", subject=BSN), assurance_level="middle"
    )
    page = session.goto(budget_round.get_absolute_url())
    page.get_by_role("link", name="Stemmen met DigiD").click()

    # The broker's page (the stand-in): choose the test BSN, log in.
    assert page.url.startswith(oidc_provider.provider.issuer)
    page.get_by_label("BSN").select_option(BSN)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/iedereen-begroot/stemmen/$"))
    session.check()
    assert "U bent ingelogd met DigiD." in page.locator("body").inner_text()
    session.screenshot("stemmen-met-digid", tour=True)

    page.get_by_label("Moestuin De Linde").check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    session.check()
    ballot = Ballot.objects.get()
    assert [p.title for p in ballot.plans.all()] == ["Moestuin De Linde"]
    # The BSN is nowhere in the database, sessions included.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            assert BSN not in str(cursor.fetchall()), table


@pytest.fixture
def coach_with_password(coach, settings):
    settings.STAFF_MFA_REQUIRED = True
    coach.set_password(PASSWORD)
    coach.save()
    return coach


def test_a_coach_sets_up_totp_and_logs_in_with_a_code(session, coach_with_password):
    coach = coach_with_password
    page = session.goto("/account/login/?next=/lindeveen/")
    page.get_by_label("E-mailadres").fill(coach.email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # Staff must set up a second step first; allauth asks the password once more.
    page.wait_for_url(re.compile(r".*/account/reauthenticate/.*"))
    session.check()
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r".*/account/2fa/totp/activate/$"))
    session.check()
    session.screenshot("tweede-stap-instellen", tour=True)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Tweede stap aanzetten").click()
    session.check()
    assert Authenticator.objects.filter(user=coach, type=Authenticator.Type.RECOVERY_CODES).exists()
    used = totp_code(secret)

    # The next log-in asks for a code.
    page.context.clear_cookies()
    page = session.goto("/account/login/?next=/lindeveen/")
    page.get_by_label("E-mailadres").fill(coach.email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/account/2fa/authenticate/$"))
    session.check()
    page.get_by_label("Code").fill(totp_code(secret, after=used))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/lindeveen/$"))
    session.check()


def test_a_coach_logs_in_with_a_code_by_keyboard_only(session, coach_with_password):
    from allauth.mfa.totp.internal.auth import TOTP

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(coach_with_password, secret)
    page = session.goto("/account/login/?next=/lindeveen/")
    type_into(page, "textbox", "E-mailadres", coach_with_password.email)
    type_into(page, "textbox", "Wachtwoord", PASSWORD)
    tab_to(page, "button", "Inloggen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    assert page.url.endswith("/account/2fa/authenticate/")
    type_into(page, "textbox", "Code", totp_code(secret), exact=True)
    tab_to(page, "button", "Inloggen", exact=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    session.check()
    assert page.url.endswith("/lindeveen/")
