"""Conversation pages (read the thread, write a message), reporting, and the moderation of reports.

One page shape for the three kinds: GET shows the thread to its participants, POST adds a
message (conversations.post); anyone else gets 404 (the conversation's existence is private)
or, logged in on a subject they can see, 403.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.core.actions import ActionPage, ActionView
from samenspel.marketplace.selectors import introduction_in

from . import selectors, services
from .forms import DismissForm, HideForm, MessageForm, ReportForm
from .models import SIDES_OF_KIND, Kind


@permission_required("conversations.list_own", fn=lambda request, **kw: request.municipality)
def my_conversations(request):
    conversations = selectors.conversations_of(request.user, municipality=request.municipality)
    for conversation in conversations:
        conversation.url = services.conversation_url(conversation)
        conversation.my_side = selectors.side_of(request.user, conversation)
        labels = selectors.side_labels(conversation)
        conversation.other = " / ".join(label for side, label in labels.items() if side != conversation.my_side)
    return render(request, "conversations/index.html", {"conversations": conversations})


class ConversationPage(ActionPage):
    """The thread and its form. GET needs conversations.view, POST conversations.post."""

    form_class = MessageForm
    template_name = "conversations/conversation.html"
    success_message = _("Uw bericht is verstuurd. De anderen in het gesprek krijgen een melding.")

    @property
    def permission_required(self) -> str:
        return "conversations.post" if self.request.method == "POST" else "conversations.view"

    def find(self):
        """The conversation this URL names (saved or not yet), or None."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define find()")

    def get_object(self):
        conversation = self.find()
        if conversation is None:
            raise Http404
        return conversation

    def check_permission(self) -> None:
        # Not a participant: the conversation is not there for you (404), as with coach notes.
        if not self.request.user.has_perm("conversations.view", self.object):
            raise Http404
        super().check_permission()

    def get_context_data(self, **kwargs) -> dict:
        conversation, user = self.object, self.request.user
        labels = selectors.side_labels(conversation)
        thread_messages = selectors.thread_for(conversation, user=user, labels=labels)
        return {
            **kwargs,
            "conversation": conversation,
            "thread_messages": thread_messages,
            "labels": labels,
            "sides": [(side, labels[side]) for side in SIDES_OF_KIND[conversation.kind]],
            "my_side": selectors.side_of(user, conversation),
            "can_post": user.has_perm("conversations.post", conversation),
            "action_url": services.conversation_url(conversation),
            "back": self.back_url(),
        }

    def back_url(self) -> str:
        conversation = self.object
        if conversation.kind == Kind.INTRODUCTION:
            return reverse(
                "marketplace:introduction",
                kwargs={"municipality": conversation.municipality.slug, "pk": conversation.introduction_id},
            )
        return conversation.initiative.get_absolute_url()

    def perform(self, form):
        return services.message_post(conversation=self.object, author=self.request.user, body=form.cleaned_data["body"])

    def get_success_url(self, result) -> str:
        # A form on another page (the coaching desk) may ask to come back there.
        back = self.request.POST.get("terug", "")
        if back.startswith(f"/{self.request.municipality.slug}/") and url_has_allowed_host_and_scheme(back, None):
            return back
        return services.message_url(result)


def _initiative(request, slug):
    initiative = selectors.initiative_in(municipality=request.municipality, slug=slug)
    if initiative is None:
        raise Http404
    return initiative


class CaseConversation(ConversationPage):
    def find(self):
        return selectors.case_conversation(initiative=_initiative(self.request, self.kwargs["slug"]))


class JoinConversation(ConversationPage):
    def find(self):
        initiative = _initiative(self.request, self.kwargs["slug"])
        return selectors.join_conversation_of(initiative=initiative, joiner_id=self.kwargs["joiner"])


class IntroductionConversation(ConversationPage):
    def find(self):
        introduction = introduction_in(municipality=self.request.municipality, pk=self.kwargs["pk"])
        if introduction is None or not introduction.both_accepted:
            return None
        return selectors.introduction_conversation(introduction=introduction)


def _message(request, pk):
    message = selectors.message_in(municipality=request.municipality, pk=pk)
    if message is None:
        raise Http404
    return message


class MessageReportPage(ActionPage):
    permission_required = "conversations.report"
    form_class = ReportForm
    template_name = "conversations/report.html"
    success_message = _("Bedankt voor uw melding. Een moderator bekijkt het bericht.")

    def get_object(self):
        message = _message(self.request, self.kwargs["pk"])
        if not self.request.user.has_perm("conversations.view", message.conversation):
            raise Http404
        return message

    def perform(self, form):
        return services.message_report(message=self.object, reporter=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return services.message_url(self.object)

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "message": self.object, "back_url": services.message_url(self.object)}


@permission_required("municipalities.moderate", fn=lambda request, **kw: request.municipality, raise_exception=True)
def moderation_queue(request):
    municipality = request.municipality
    queue = list(selectors.moderation_queue(municipality=municipality))
    for message in queue:
        message.hide_form = HideForm(auto_id=f"verbergen-{message.pk}-%s")
        message.dismiss_form = DismissForm(auto_id=f"afwijzen-{message.pk}-%s")
    hidden = list(selectors.hidden_messages(municipality=municipality))
    return render(request, "conversations/moderation_queue.html", {"queue": queue, "hidden": hidden})


class _ModerationAction(LoginRequiredMixin, ActionView):
    permission_required = "conversations.moderate"

    def get_object(self):
        return _message(self.request, self.kwargs["pk"])

    def get_success_url(self, result) -> str:
        return reverse("conversations:queue", kwargs={"municipality": self.request.municipality.slug})


class MessageHide(_ModerationAction):
    form_class = HideForm
    success_message = _("Het bericht is verborgen.")

    def perform(self, form):
        return services.message_hide(
            message=self.object, moderator=self.request.user, reason=form.cleaned_data["reason"]
        )


class ReportsDismiss(_ModerationAction):
    form_class = DismissForm
    success_message = _("De meldingen zijn afgewezen; het bericht blijft staan.")

    def perform(self, form):
        return services.reports_dismiss(
            message=self.object, moderator=self.request.user, reason=form.cleaned_data["reason"]
        )
