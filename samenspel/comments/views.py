"""Posting, reporting and moderating comments on any subject: one ActionView per button."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.core.actions import ActionPage, ActionView, form_messages, is_htmx

from . import selectors, services
from .forms import CommentForm, DismissForm, ModerationReasonForm, ReportForm
from .panels import comments_panel_context, panel_dom_id
from .targets import comment_url, is_public, subject_get, subject_url


def _comment(request, pk):
    """A comment of this municipality on a public subject, or 404."""
    comment = selectors.comment_get(municipality=request.municipality, pk=pk)
    if comment is None or not is_public(comment.target):
        raise Http404
    return comment


def _not_found_when_hidden(view) -> None:
    """The permission check of an action on a comment, where a hidden comment is as unknown as a
    number that does not exist to whoever may not moderate it: a 403 would say that it exists."""
    try:
        ActionView.check_permission(view)
    except PermissionDenied:
        if view.object.is_hidden and not view.request.user.has_perm("comments.moderate", view.object):
            raise Http404 from None
        raise


class CommentCreate(LoginRequiredMixin, ActionView):
    permission_required = "comments.post"
    form_class = CommentForm
    success_message = _("Uw reactie is geplaatst.")

    def get_object(self):
        return subject_get(key=self.kwargs["target"], pk=self.kwargs["pk"], municipality=self.request.municipality)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"auto_id": f"{panel_dom_id(self.object, nested=self._nested())}-%s"}

    def perform(self, form):
        return services.comment_create(subject=self.object, author=self.request.user, text=form.cleaned_data["text"])

    def get_success_url(self, comment):
        return comment_url(comment)

    def _nested(self) -> bool:
        return self.request.POST.get("nested") == "True"

    def _panel(self, *, form, posted=False):
        return comments_panel_context(self.request, self.object, form=form, posted=posted, nested=self._nested())

    def success(self, comment):
        if is_htmx(self.request):
            # Swap the whole panel so the new comment and a fresh form show together.
            return render(self.request, "comments/panel.html", {"data": self._panel(form=None, posted=True)})
        return super().success(comment)

    def form_invalid(self, form):
        if is_htmx(self.request):
            # A 4xx partial with the reason (includes/refusal.html): samenspel.js swaps it in.
            return render(self.request, "comments/panel.html", {"data": self._panel(form=form)}, status=400)
        return render(
            self.request,
            "comments/comment_form_page.html",
            {
                "subject": self.object,
                "form": form,
                "action_url": self.request.path,
                "back_url": subject_url(self.object),
            },
            status=400,
        )


class CommentReport(ActionPage):
    permission_required = "comments.report"
    form_class = ReportForm
    template_name = "comments/report.html"
    success_message = _("Bedankt voor uw melding. Een moderator bekijkt de reactie.")

    def get_object(self):
        return _comment(self.request, self.kwargs["pk"])

    def check_permission(self):
        _not_found_when_hidden(self)

    def perform(self, form):
        return services.report_create(comment=self.object, reporter=self.request.user, **form.cleaned_data)

    def get_success_url(self, result):
        return comment_url(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.object, back_url=comment_url(self.object), **kwargs)


@permission_required("municipalities.moderate", fn=lambda request, **kw: request.municipality, raise_exception=True)
def moderation_index(request):
    municipality = request.municipality
    queue = list(selectors.moderation_queue(municipality=municipality))
    hidden = list(selectors.hidden_comments(municipality=municipality))
    # One form per comment, each with its own ids so labels stay unique on the page.
    for comment in queue:
        comment.hide_form = ModerationReasonForm(auto_id=f"verbergen-{comment.pk}-%s")
        comment.dismiss_form = DismissForm(auto_id=f"afwijzen-{comment.pk}-%s")
    for comment in hidden:
        comment.unhide_form = ModerationReasonForm(auto_id=f"zichtbaar-{comment.pk}-%s")
    return render(request, "comments/moderation_queue.html", {"queue": queue, "hidden": hidden})


class _ModerationAction(LoginRequiredMixin, ActionView):
    """A moderator's decision, from the queue or from the subject's page; the answer goes back there."""

    permission_required = "comments.moderate"
    form_class = ModerationReasonForm
    service = None

    def get_object(self):
        comment = selectors.comment_get(municipality=self.request.municipality, pk=self.kwargs["pk"])
        if comment is None:
            raise Http404
        return comment

    def check_permission(self):
        _not_found_when_hidden(self)

    def perform(self, form):
        return self.service(comment=self.object, moderator=self.request.user, reason=form.cleaned_data["reason"])

    def get_success_url(self, result):
        if self._from_page():
            return comment_url(self.object)
        return reverse("comments:queue", kwargs={"municipality": self.request.municipality.slug})

    def _from_page(self) -> bool:
        return self.request.POST.get("came_from") == "page"

    def form_invalid(self, form):
        if self._from_page():
            for message in form_messages(form):
                messages.error(self.request, message)
            return HttpResponseRedirect(comment_url(self.object))
        context = {"comment": self.object, "form": form, "action_url": self.request.path}
        return render(self.request, "comments/moderation_action.html", context, status=400)


class CommentHide(_ModerationAction):
    service = staticmethod(services.comment_hide)
    success_message = _("De reactie is verborgen.")


class CommentUnhide(_ModerationAction):
    service = staticmethod(services.comment_unhide)
    success_message = _("De reactie is weer zichtbaar.")


class ReportsDismiss(_ModerationAction):
    form_class = DismissForm
    service = staticmethod(services.reports_dismiss)
    success_message = _("De meldingen zijn afgewezen; de reactie blijft staan.")
