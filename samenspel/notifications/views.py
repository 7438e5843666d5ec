from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samenspel.core.actions import ActionView

from . import selectors, services
from .forms import PreferenceForm


@never_cache
@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(user=request.user), 30).get_page(request.GET.get("pagina"))
    form = PreferenceForm(instance=selectors.preference_for(user=request.user))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(user=request.user), "preference_form": form},
    )


@never_cache
@login_required
def notification_open(request, pk):
    """Follow a notification's link and count it as read."""
    notification = selectors.notification_of(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


class _OwnNotificationsAction(ActionView):
    """An action on one's own notifications (the object is the account)."""

    def get_object(self):
        return self.request.user

    def get_success_url(self, result) -> str:
        return reverse("notifications:list")


class MarkAllRead(_OwnNotificationsAction):
    permission_required = "notifications.mark_read"

    def perform(self, form):
        return services.notifications_mark_all_read(user=self.request.user)

    def success(self, result):
        if result:
            messages.success(self.request, _("Alle meldingen zijn als gelezen gemarkeerd."))
        return super().success(result)


class SetPreferences(_OwnNotificationsAction):
    permission_required = "notifications.change_preferences"
    form_class = PreferenceForm

    def perform(self, form):
        return services.preference_set(user=self.request.user, email_digest=form.cleaned_data["email_digest"])

    def success(self, result):
        if result.email_digest:
            messages.success(self.request, _("U krijgt hooguit één e-mail per dag met uw nieuwe meldingen."))
        else:
            messages.success(self.request, _("U krijgt geen e-mail meer over meldingen; ze blijven hier staan."))
        return super().success(result)


@never_cache
def notification_badge(request):
    """A tiny fragment for the site header (loaded with htmx): a link with the unread count."""
    count = selectors.unread_count(user=request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/badge.html", {"count": count, "anonymous": not request.user.is_authenticated})
