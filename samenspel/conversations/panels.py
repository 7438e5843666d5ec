"""The "Gesprekken" block on an initiative's page: shown only to the people it concerns.

The team sees its conversation with the municipality and who joined ("Ik doe mee", by
display name only), each with a link to write to them; a joiner sees a link to write to the
team. Anyone else gets no panel at all.
"""

from .forms import MessageForm
from .models import Conversation, Kind
from .selectors import case_conversation, is_joiner, joiners_of, side_labels, team_ids, thread_for
from .services import conversation_url


def _join(initiative, joiner) -> Conversation:
    # Unsaved: enough for its address, which is all the panel needs.
    return Conversation(kind=Kind.JOIN, initiative=initiative, joiner=joiner, municipality=initiative.municipality)


def conversations_panel(request, initiative) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    if user.pk in team_ids(initiative):
        joiners = joiners_of(initiative)
        for person in joiners:
            person.conversation_url = conversation_url(_join(initiative, person))
        case = Conversation(kind=Kind.CASE, initiative=initiative, municipality=initiative.municipality)
        return {"is_team": True, "case_url": conversation_url(case), "joiners": joiners}
    if is_joiner(initiative=initiative, user_id=user.pk):
        return {"is_team": False, "join_url": conversation_url(_join(initiative, user))}
    return None


def case_thread_context(request, initiative, *, back_here: str) -> dict | None:
    """The team <-> municipality thread for the coaching desk page; None for staff not on its desk side."""
    conversation = case_conversation(initiative=initiative)
    user = request.user
    if not user.has_perm("conversations.view", conversation):
        return None
    return {
        "conversation": conversation,
        "thread_messages": thread_for(conversation, user=user, labels=side_labels(conversation)),
        "can_post": user.has_perm("conversations.post", conversation),
        "form": MessageForm(auto_id="gesprek_%s"),
        "action_url": conversation_url(conversation),
        "back_here": back_here,
    }
