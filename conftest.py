"""Fixtures shared by every app's tests: municipalities, people in each role, a browser."""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest

from samenspel.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
    square,
)
from samenspel.municipalities.models import Role

ARTIFACTS = Path(__file__).parent / "test-artifacts"
TOUR = Path(__file__).parent / "docs" / "tour"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def municipality(db):
    municipality = MunicipalityFactory(name="Gemeente Lindeveen", slug="lindeveen", cbs_code="GM9001")
    NeighbourhoodFactory(
        municipality=municipality, name="De Linde", slug="de-linde", cbs_code="WK900101", boundary=square(52.2, 5.2)
    )
    return municipality


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Gemeente Heideborg", slug="heideborg", cbs_code="GM9002")


def _person(municipality, *roles):
    user = UserFactory()
    for role in roles:
        MembershipFactory(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture
def resident(municipality):
    return _person(municipality, Role.RESIDENT)


@pytest.fixture
def coach(municipality):
    return _person(municipality, Role.RESIDENT, Role.COACH)


@pytest.fixture
def moderator(municipality):
    return _person(municipality, Role.RESIDENT, Role.MODERATOR)


@pytest.fixture
def municipality_admin(municipality):
    return _person(municipality, Role.RESIDENT, Role.ADMIN)


@pytest.fixture
def partner_member(municipality):
    user = _person(municipality, Role.RESIDENT)
    organisation = OrganisationFactory(municipality=municipality, name="Woonstichting Lindeveen", slug="woonstichting")
    OrganisationMembershipFactory(organisation=organisation, user=user, is_admin=True)
    return user


@pytest.fixture
def people(municipality, resident, coach, moderator, municipality_admin, partner_member, other_municipality):
    """Everyone by role name, for role x action matrices. `outsider` is a coach elsewhere."""
    return {
        "anonymous": None,
        "resident": resident,
        "coach": coach,
        "moderator": moderator,
        "admin": municipality_admin,
        "partner": partner_member,
        "outsider": _person(other_municipality, Role.RESIDENT, Role.COACH, Role.ADMIN),
    }


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- Browser ------------------------------------------------------------------------


def _browser_missing_reason():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium not found at {CHROMIUM}"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: in CI browser tests must run (the test command installs chromium).")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class AxeViolations(AssertionError):
    pass


# Every browser story runs twice: on a desktop and on the narrowest phone WCAG 1.4.10 names.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 800}}


class BrowserSession:
    """A page plus checks a person would make on every page the story visits.

    `check()` runs axe-core (serious and critical violations fail), fails on any JavaScript
    error or console error (a failed resource other than the page the story asked for, a CSP
    violation, an exception), and fails when the page scrolls sideways (reflow, WCAG 1.4.10).
    """

    def __init__(self, page, base_url, name, viewport="desktop"):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.base_url = base_url
        self.viewport = viewport
        self.name = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
        self.axe = Axe()
        self.checked = []
        self.console_errors = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

    @property
    def is_phone(self) -> bool:
        return self.viewport == "phone"

    def _console(self, message):
        if message.type != "error":
            return
        # A story may ask for a page that answers 403 or 404 on purpose and assert the status;
        # the browser logs that document's status as an error. Anything else is a real error.
        if message.text.startswith("Failed to load resource") and message.location.get("url") == self.page.url:
            return
        self.console_errors.append(f"{self.page.url}: {message.text}")

    @contextlib.contextmanager
    def expecting_errors(self, *fragments):
        """For a story that provokes an error on purpose (a failed request, a refused vote).

        Console errors that contain one of `fragments` are expected inside the block, and at
        least one must occur; any other error still fails the story.
        """
        before = len(self.console_errors)
        yield
        new = self.console_errors[before:]
        unexpected = [error for error in new if not any(fragment in error for fragment in fragments)]
        del self.console_errors[before:]
        self.console_errors.extend(unexpected)
        assert len(unexpected) < len(new), f"expected a console error containing one of {fragments}, saw {new}"

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self, label=None):
        """Run axe, the console and the reflow checks on the current page."""
        self.page.wait_for_load_state("networkidle")
        results = self.axe.run(self.page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        self.checked.append(self.page.url)
        assert not self.console_errors, (
            f"JavaScript or console errors: {self.console_errors} "
            "(a story that provokes one on purpose wraps that step in `with session.expecting_errors(...)`)"
        )
        # Against the device's width, not window.innerWidth: a phone browser zooms out to fit
        # a page that is too wide, and innerWidth grows with it.
        screen = self.page.viewport_size["width"]
        wide = self.page.evaluate("document.documentElement.scrollWidth")
        assert wide <= screen, (
            f"{self.page.url} scrolls sideways at {screen} px: the page is {wide} px wide ({self.wide_elements()})"
        )
        if bad:
            detail = "; ".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad)
            raise AxeViolations(f"axe on {self.page.url}: {detail}")

    def wide_elements(self) -> list[str]:
        """The innermost elements wider than their container: where a reflow failure starts."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter(el => el.parentElement && el.offsetWidth > el.parentElement.clientWidth + 1
                        && getComputedStyle(el.parentElement).overflowX === "visible")
                .slice(-4).map(el => el.tagName.toLowerCase() + "." + [...el.classList].join("."))"""
        )

    def screenshot(self, label, tour=False):
        ARTIFACTS.mkdir(exist_ok=True)
        suffix = "" if self.viewport == "desktop" else f"-{self.viewport}"
        path = ARTIFACTS / f"{self.name}--{label}{suffix}.png"
        self.page.screenshot(path=str(path), full_page=True)
        if tour and os.environ.get("SAMENSPEL_TOUR"):
            TOUR.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, TOUR / f"{label}{suffix}.png")
        return path


@pytest.fixture(params=list(VIEWPORTS))
def session(browser, live_server, request):
    viewport = request.param
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield BrowserSession(page, live_server.url, request.node.name, viewport)
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
