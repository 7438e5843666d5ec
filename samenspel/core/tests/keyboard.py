"""Keyboard-only browser stories: move focus with Tab as a person without a mouse would.

Every step checks that the focused element shows where focus is (WCAG 2.4.7): a keyboard
user who cannot see the focus is as lost as one who cannot reach the control.
"""

from django.conf import settings
from django.test import Client

# What the focused element is, for a failure message that says where Tab went instead.
_DESCRIBE_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return "(body)"; }
  const label = el.getAttribute("aria-label") || (el.labels && el.labels[0] && el.labels[0].innerText)
    || el.innerText || el.value || el.getAttribute("name") || "";
  return el.tagName.toLowerCase() + ": " + label.trim().replace(/\\s+/g, " ").slice(0, 60);
}"""

# A visible focus indicator: an outline or a box shadow on the focused element itself.
_FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = Boolean(style.boxShadow) && style.boxShadow !== "none";
  return {
    visible: outline || shadow,
    outline: style.outlineStyle + " " + style.outlineWidth,
    shadow: style.boxShadow,
  };
}"""


def focused_description(page) -> str:
    return page.evaluate(_DESCRIBE_FOCUSED)


def assert_focus_visible(page) -> None:
    """The focused element draws an outline or a shadow (WCAG 2.4.7)."""
    indicator = page.evaluate(_FOCUS_INDICATOR)
    assert indicator is not None, f"focus fell back to the page body on {page.url}"
    assert indicator["visible"], (
        f"no visible focus on {focused_description(page)!r} at {page.url}: "
        f"outline {indicator['outline']!r}, box-shadow {indicator['shadow']!r}"
    )


def tab_to(page, role: str, name: str, *, exact: bool = False, limit: int = 80, backwards: bool = False):
    """Press Tab (or Shift+Tab) until the element with this role and accessible name has focus.

    At most `limit` presses; returns the focused element's locator. Fails when Tab never gets
    there (not focusable, hidden, a focus trap) or when the focus is not visible once there.
    """
    focused = page.get_by_role(role, name=name, exact=exact).and_(page.locator(":focus"))
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if focused.count():
            assert_focus_visible(page)
            return focused.first
        seen.append(focused_description(page))
    raise AssertionError(f"{limit} presses of Tab never reached the {role} {name!r} on {page.url}; went through {seen}")


def type_into(page, role: str, name: str, text: str, **kwargs):
    """Tab to a field and type into it, key by key."""
    field = tab_to(page, role, name, **kwargs)
    page.keyboard.type(text)
    return field


def type_date(page, field, date) -> None:
    """Type a date into the focused <input type=date>, part by part as the person sees them.

    Chromium lays the parts out in its own interface language, not the page's (month first in
    en-US, day first in nl-NL), so a first try tells the order; Shift+Tab goes back to the
    first part and the date is typed again in that order.
    """
    page.keyboard.type("01022003")
    order = {"2003-01-02": "%m%d%Y", "2003-02-01": "%d%m%Y"}[field.input_value()]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type(date.strftime(order))


def log_in_as(session, user) -> None:
    """Start the story logged in (the log-in form has its own keyboard story in tests/)."""
    context = session.page.context
    context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": session.base_url}])
