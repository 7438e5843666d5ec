"""Who may read, write, report and moderate conversations.

Reading and writing: only the people on one of the conversation's two sides (selectors.sides).
Staff see what their role gives them: the coaching desk (coach, admin) is a side of case
conversations only; a moderator is on no side and sees a message only once a participant
reported it, and then only that message.
"""

import rules

from samenspel.initiatives.models import Status
from samenspel.marketplace.models import IntroductionStatus
from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

from .models import Kind
from .selectors import is_joiner, side_of


@rules.predicate
def is_participant(user, conversation) -> bool:
    return side_of(user, conversation) is not None


@rules.predicate
def is_open(user, conversation) -> bool:
    """Writing stops when the subject ends: an introduction closed, a joiner no longer joining."""
    if conversation is None:
        return False
    if conversation.kind == Kind.INTRODUCTION:
        return conversation.introduction.status == IntroductionStatus.ACCEPTED
    if conversation.initiative.status == Status.STOPPED:
        return False
    if conversation.kind == Kind.JOIN:
        return is_joiner(initiative=conversation.initiative, user_id=conversation.joiner_id)
    return True


@rules.predicate
def is_participant_of_message(user, message) -> bool:
    return message is not None and side_of(user, message.conversation) is not None


@rules.predicate
def is_message_author(user, message) -> bool:
    return message is not None and user.is_authenticated and message.author_id == user.pk


@rules.predicate
def is_hidden_message(user, message) -> bool:
    return message is not None and message.is_hidden


@rules.predicate
def was_reported(user, message) -> bool:
    return message is not None and message.reports.exists()


is_moderator_of_message = role_of(Role.MODERATOR, Role.ADMIN, via="conversation.municipality")

# The list of one's own conversations: anyone logged in (it lists only their own).
rules.add_perm("conversations.list_own", rules.is_authenticated)
rules.add_perm("conversations.view", is_participant)
rules.add_perm("conversations.post", is_participant & is_open)
# Reporting one's own words makes no sense, and hidden messages are already handled.
rules.add_perm("conversations.report", is_participant_of_message & ~is_message_author & ~is_hidden_message)
rules.add_perm("conversations.moderate", is_moderator_of_message & was_reported)
