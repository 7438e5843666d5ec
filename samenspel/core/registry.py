"""Where apps plug into the shared layout without core knowing them.

An app registers its navigation item and its home-page section in its
AppConfig.ready(); the base layout and the municipality home page read them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str  # reversed with the municipality's slug
    order: int = 50
    permission: str | None = None  # checked against the municipality


@dataclass(frozen=True)
class HomeSection:
    """A block on a municipality's home page: real counts and the latest items."""

    key: str
    template: str
    context: Callable  # (request, municipality) -> dict, or None to leave the section out
    order: int = 50


@dataclass(frozen=True)
class InitiativePanel:
    """A block on an initiative's public page contributed by another app (decisions, comments)."""

    key: str
    template: str
    context: Callable  # (request, initiative) -> dict, or None to leave the panel out
    order: int = 50


@dataclass(frozen=True)
class DeskSection:
    """A block on the coaches' desk (the intake queue) contributed by another app.

    For work with a deadline that is not an initiative: buurtrecht terms, experiment
    evaluations, funding tranches due. `context(request, municipality)` returns a dict for the
    template, or None to leave the block out (nothing to do, or not this person's work).
    """

    key: str
    template: str
    context: Callable  # (request, municipality) -> dict, or None to leave the section out
    order: int = 50


nav_items: list[NavItem] = []
desk_sections: list[DeskSection] = []
initiative_panels: list[InitiativePanel] = []
home_sections: list[HomeSection] = []


def register_nav(item: NavItem) -> None:
    if item.url_name not in {i.url_name for i in nav_items}:
        nav_items.append(item)
        nav_items.sort(key=lambda i: i.order)


def register_home_section(section: HomeSection) -> None:
    if section.key not in {s.key for s in home_sections}:
        home_sections.append(section)
        home_sections.sort(key=lambda s: s.order)


def register_desk_section(section: DeskSection) -> None:
    if section.key not in {s.key for s in desk_sections}:
        desk_sections.append(section)
        desk_sections.sort(key=lambda s: s.order)


def register_initiative_panel(panel: InitiativePanel) -> None:
    if panel.key not in {p.key for p in initiative_panels}:
        initiative_panels.append(panel)
        initiative_panels.sort(key=lambda p: p.order)


@dataclass(frozen=True)
class PersonalData:
    """One app's part of a person's data (AVG): what the download shows, what deletion does.

    `export(user)` returns sections for the download (a dict merged into it);
    `erase(user, pseudonym=..., placeholder=...)` runs before the account row itself is
    deleted, for what a cascade would not do right (hand over to the `placeholder()` account,
    unlink, replace a name by the pseudonym). The account app walks these parts; it imports
    none of the apps.
    """

    key: str
    export: Callable  # (user) -> dict
    erase: Callable | None = None  # (user, *, pseudonym, placeholder) -> None
    order: int = 50


personal_data_parts: list[PersonalData] = []


def register_personal_data(part: PersonalData) -> None:
    if part.key not in {p.key for p in personal_data_parts}:
        personal_data_parts.append(part)
        personal_data_parts.sort(key=lambda p: p.order)
