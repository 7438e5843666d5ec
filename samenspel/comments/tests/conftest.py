import pytest

from samenspel.core.tests.factories import MembershipFactory, UserFactory
from samenspel.initiatives.models import Follow
from samenspel.municipalities.models import Role

from .factories import CommentFactory, InitiativeFactory


@pytest.fixture
def initiative(municipality):
    return InitiativeFactory(municipality=municipality, title="Moestuin De Linde", slug="moestuin-de-linde")


@pytest.fixture
def author(municipality):
    user = UserFactory(display_name="Fatima el Amrani")
    MembershipFactory(user=user, municipality=municipality, role=Role.RESIDENT)
    return user


@pytest.fixture
def comment(initiative, author):
    return CommentFactory(initiative=initiative, author=author, text="Wie betaalt straks het water?")


@pytest.fixture
def follower(municipality, initiative):
    user = UserFactory(display_name="Henk de Volger")
    MembershipFactory(user=user, municipality=municipality, role=Role.RESIDENT)
    Follow.objects.create(initiative=initiative, user=user)
    return user


@pytest.fixture
def outsider_moderator(other_municipality):
    user = UserFactory(display_name="Moderator Heideborg")
    for role in (Role.RESIDENT, Role.MODERATOR, Role.ADMIN):
        MembershipFactory(user=user, municipality=other_municipality, role=role)
    return user


@pytest.fixture
def actors(people, author, outsider_moderator):
    """The role x action matrix's people; `author` wrote the comment under test."""
    return {
        "anonymous": None,
        "resident": people["resident"],
        "author": author,
        "moderator": people["moderator"],
        "admin": people["admin"],
        "coach": people["coach"],
        "outsider": outsider_moderator,
    }
