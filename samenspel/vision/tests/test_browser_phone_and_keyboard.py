"""In a real browser, on a 320 px phone and by keyboard only: a resident votes on statements,
opens the opinion map and reacts to a principle. Every page fits the screen without sideways
scrolling (WCAG 1.4.10), focus never falls back to the page body after an in-page update
(2.4.3), and no page logs a JavaScript error."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from samenspel.vision import services
from samenspel.vision.models import Vote

from .factories import VisionProcessFactory, polarised_votes
from .test_browser_in_page_errors import forget_provoked_errors
from .test_browser_vision import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 320, "height": 800}

# The accessible name of the focused element, as far as a keyboard user hears it.
FOCUSED_NAME = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return ""; }
  const label = el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].innerText);
  return (label || el.innerText || el.value || "").trim();
}"""


@pytest.fixture
def phone(session):
    """The session on a 320 px phone (the shared fixture may also run the story on a desktop)."""
    page = session.page
    if getattr(session, "viewport", None) is None:
        page.set_viewport_size(PHONE)
    session.errors = []
    if not hasattr(session, "console_errors"):
        # The shared session checks the console on every check(); without that, these stories do.
        page.on("console", lambda message: message.type == "error" and session.errors.append(message.text))
        page.on("pageerror", lambda error: session.errors.append(str(error)))
    return session


def fits(session):
    """Checked with axe, no sideways scrolling, no JavaScript or console error so far."""
    session.check()
    page = session.page
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"{page.url} is {width} px wide on a {screen} px screen"
    assert session.errors == [], f"JavaScript errors on {page.url}: {session.errors}"


def tab_to(page, name: str, limit: int = 120) -> None:
    """Press Tab until the element called `name` has focus, as a keyboard user would."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_NAME)
        if focused.startswith(name):
            return
        seen.append(focused)
    raise AssertionError(f"Tab never reached {name!r}; went through {seen}")


def test_a_resident_on_a_phone_votes_and_finds_the_map_by_keyboard(phone, municipality):
    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    polarised_votes(process, n_statements=10)
    services.opinion_map_compute(process=process)
    page = phone.page

    phone.goto(process.get_absolute_url())
    fits(phone)
    card = page.locator("#stemmen")
    for n in range(7):
        card.get_by_text(f"U stemde op {n} van 10 stellingen.").wait_for()
        tab_to(page, "Eens" if n % 2 == 0 else "Oneens")
        page.keyboard.press("Enter")
        card.get_by_text(f"U stemde op {n + 1} van 10 stellingen.").wait_for()
        # The next statement has focus, so it is read first and Tab goes on to its buttons.
        expect(card.locator(".vote-card__statement")).to_be_focused()
    assert Vote.objects.filter(participant__user=None, participant__key__isnull=False).count() >= 7
    fits(phone)
    phone.screenshot("keyboard-vision-vote", tour=True)

    tab_to(page, "Bekijk waar u staat op de opiniekaart")
    page.keyboard.press("Enter")
    page.get_by_text("U zit in groep").wait_for()
    fits(phone)
    phone.screenshot("keyboard-opinion-map", tour=True)

    phone.goto(f"{process.get_absolute_url()}stellingen/")
    fits(phone)


def test_a_resident_on_a_phone_reacts_to_a_principle_by_keyboard(phone, municipality, municipality_admin, resident):
    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    statements, _participants = polarised_votes(process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    principle = services.principle_create(
        version=version,
        title="Groen dichtbij",
        explanation="Iedereen woont binnen vijf minuten lopen van een park of plantsoen.",
        statements=statements[:1],
        created_by=municipality_admin,
    )
    services.vision_publish(
        version=version, endorse_until=dt.date.today() + dt.timedelta(days=14), published_by=municipality_admin
    )
    page = phone.page
    log_in_as(phone, resident)

    phone.goto(f"{process.get_absolute_url()}visie/")
    fits(phone)
    tab_to(page, "Ik steun dit")
    page.keyboard.press("Enter")
    page.get_by_text("U steunt dit uitgangspunt.").wait_for()
    assert principle.endorsements.filter(user=resident).exists()
    fits(phone)

    # An empty comment is refused in the panel, with the reason focused and nothing saved.
    tab_to(page, "Reactie plaatsen")
    page.keyboard.press("Enter")
    refusal = page.locator(f"#reacties-uitgangspunt-{principle.pk} [data-refusal]")
    expect(refusal).to_have_text("Uw reactie is niet geplaatst: Schrijf eerst uw reactie.")
    expect(refusal).to_be_focused()
    assert principle.comments.count() == 0
    forget_provoked_errors(phone)  # the refused request's 400, logged by the browser

    tab_to(page, "Uw reactie")
    page.keyboard.type("Graag ook bankjes in het plantsoen, voor wie slecht ter been is.")
    tab_to(page, "Reactie plaatsen")
    page.keyboard.press("Enter")
    page.get_by_text("Uw reactie is geplaatst.").wait_for()
    assert principle.comments.count() == 1
    # Focus is on the confirmation in the refreshed panel, not fallen back to the page body.
    expect(page.locator(".comments-panel__posted")).to_be_focused()
    fits(phone)
    phone.screenshot("keyboard-vision-react", tour=True)


def test_a_coach_explains_only_the_verdicts_that_are_not_neutral(phone, municipality, municipality_admin, coach):
    from samenspel.coaching.models import Decision
    from samenspel.vision.models import Assessment

    from .factories import InitiativeFactory

    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    statements, _participants = polarised_votes(process)
    version = services.vision_version_start(process=process, created_by=municipality_admin)
    for title in ("Groen dichtbij", "Samen beslissen"):
        services.principle_create(
            version=version, title=title, explanation=".", statements=statements[:1], created_by=municipality_admin
        )
    services.vision_publish(
        version=version, endorse_until=dt.date.today() + dt.timedelta(days=14), published_by=municipality_admin
    )
    services.vision_adopt(version=version, raadsbesluit="Raadsbesluit 2026-41", adopted_by=municipality_admin)
    initiative = InitiativeFactory(municipality=municipality, title="Moestuin De Linde")
    Decision.objects.create(
        initiative=initiative, kind=Decision.Kind.STATUS, title="Status: in gesprek", reasoning=".", decided_by=coach
    )
    page = phone.page
    log_in_as(phone, coach)
    phone.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Toetsen aan de visie").click()
    fits(phone)
    assert page.get_by_role("link", name="Moestuin De Linde").first.is_visible()

    green = page.get_by_label("Toelichting: Groen dichtbij")
    together = page.get_by_label("Toelichting: Samen beslissen")
    assert green.is_visible() and together.is_visible()
    page.get_by_role("group", name="Oordeel: Groen dichtbij").get_by_label("neutraal").check()
    expect(green).to_be_hidden()
    page.get_by_role("group", name="Oordeel: Samen beslissen").get_by_label("strijdig").check()
    assert together.is_visible()
    page.get_by_role("button", name="Toetsing opslaan").click()
    page.get_by_text("Licht toe waarom het besluit bijdraagt aan dit uitgangspunt of ermee strijdig is.").wait_for()
    assert not Assessment.objects.exists()
    fits(phone)

    page.get_by_label("Toelichting: Samen beslissen").fill("Het plan is al besloten zonder de buurt.")
    page.get_by_role("button", name="Toetsing opslaan").click()
    page.get_by_text("De toetsing is opgeslagen en openbaar.").wait_for()
    lines = Assessment.objects.get().lines.order_by("principle__order", "principle__pk")
    assert [(line.verdict, line.explanation) for line in lines] == [
        ("neutral", ""),
        ("conflicts", "Het plan is al besloten zonder de buurt."),
    ]
    fits(phone)
