"""In a real browser: a resident reports a comment, a moderator hides it, the page shows the notice."""

import pytest
from django.urls import reverse

from samenspel.core.tests.factories import TEST_PASSWORD

from .factories import CommentFactory, InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFENSIVE = "Wat een onzin, jullie zijn allemaal zakkenvullers."


def log_in(session, user):
    session.page.context.clear_cookies()
    session.goto(reverse("account_login"))
    session.page.get_by_label("E-mailadres").fill(user.email)
    session.page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    with session.page.expect_navigation():
        session.page.get_by_label("Wachtwoord").press("Enter")


def test_report_hide_and_see_the_notice(session, municipality, resident, moderator, author):
    initiative = InitiativeFactory(
        municipality=municipality, title="Buurtmoestuin De Linde", slug="buurtmoestuin-de-linde", initiator=author
    )
    CommentFactory(initiative=initiative, author=author, text="Ik kan zaterdag de kruiwagen meenemen.")
    CommentFactory(initiative=initiative, author=author, text=OFFENSIVE)
    page_path = initiative.get_absolute_url()

    # A resident reports the offensive comment.
    log_in(session, resident)
    page = session.goto(page_path)
    page.locator("li.comment", has_text=OFFENSIVE).get_by_role("link", name="Melden").click()
    session.check()
    page.get_by_label("Kwetsend of beledigend").check()
    page.get_by_label("Toelichting").fill("Scheldt de vrijwilligers uit.")
    page.get_by_role("button", name="Melding versturen").click()
    assert "Bedankt voor uw melding" in page.content()

    # The moderator finds it in the queue and hides it with a reason.
    log_in(session, moderator)
    page = session.goto(reverse("comments:queue", kwargs={"municipality": municipality.slug}))
    item = page.locator("li.moderation-item", has_text=OFFENSIVE)
    assert "Scheldt de vrijwilligers uit." in item.inner_text()
    session.screenshot("moderation-queue", tour=True)
    item.get_by_label("Reden").fill("Beledigend voor de vrijwilligers; houd het bij de zaak.")
    item.get_by_role("button", name="Verbergen").click()
    session.check()
    assert "De reactie is verborgen" in page.content()

    # Anyone now sees the notice instead of the words.
    session.page.context.clear_cookies()
    page = session.goto(page_path)
    body = page.content()
    assert OFFENSIVE not in body
    assert "Deze reactie is verborgen door een moderator: Beledigend voor de vrijwilligers" in body
    assert "Ik kan zaterdag de kruiwagen meenemen." in body


def test_comment_on_a_principle_and_hide_it_in_place(session, municipality, resident, moderator, municipality_admin):
    """The same panel on the vision page, one per principle: post with htmx, hide from the page."""
    import datetime as dt

    from samenspel.vision import services as vision_services
    from samenspel.vision.tests.factories import StatementFactory, VisionProcessFactory

    process = VisionProcessFactory(municipality=municipality, slug="lindeveen-2035")
    version = vision_services.vision_version_start(process=process, created_by=municipality_admin)
    for title in ("Groen dichtbij", "Samen beslissen"):
        vision_services.principle_create(
            version=version,
            title=title,
            explanation="Toelichting.",
            statements=[StatementFactory(process=process)],
            created_by=municipality_admin,
        )
    vision_services.vision_publish(
        version=version, endorse_until=dt.date.today() + dt.timedelta(days=7), published_by=municipality_admin
    )
    path = reverse("vision:vision", kwargs={"municipality": municipality.slug, "slug": process.slug})

    log_in(session, resident)
    page = session.goto(path)
    panel = page.locator("section.principle", has_text="Samen beslissen").locator(".comments-panel")
    panel.get_by_label("Uw reactie").fill(OFFENSIVE)
    panel.get_by_role("button", name="Reactie plaatsen").click()
    panel = page.locator("section.principle", has_text="Samen beslissen").locator(".comments-panel")
    panel.get_by_text("Uw reactie is geplaatst.").wait_for()
    session.check()

    log_in(session, moderator)
    page = session.goto(path)
    item = page.locator("li.comment", has_text=OFFENSIVE)
    item.get_by_label("Reden om te verbergen").fill("Beledigend; houd het bij de zaak.")
    item.get_by_role("button", name="Verbergen").click()
    session.check()
    assert "De reactie is verborgen." in page.content()
    assert OFFENSIVE not in page.content()
