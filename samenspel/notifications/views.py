from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import PreferenceForm
from .models import Notification, NotificationPreference
from .selectors import notifications_for, unread_count
from .services import notification_mark_read, notifications_mark_all_read, preference_set


@never_cache
@login_required
def notification_list(request):
    page = Paginator(notifications_for(user=request.user), 30).get_page(request.GET.get("pagina"))
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = PreferenceForm(instance=preference or NotificationPreference(user=request.user))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": unread_count(user=request.user), "preference_form": form},
    )


@never_cache
@login_required
def notification_open(request, pk):
    """Follow a notification's link and count it as read."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notification_mark_read(notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_mark_all(request):
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("notifications:list")


@require_POST
@login_required
def notification_preferences(request):
    form = PreferenceForm(request.POST)
    if form.is_valid():
        preference_set(user=request.user, email_digest=form.cleaned_data["email_digest"])
        if form.cleaned_data["email_digest"]:
            messages.success(request, _("U krijgt hooguit één e-mail per dag met uw nieuwe meldingen."))
        else:
            messages.success(request, _("U krijgt geen e-mail meer over meldingen; ze blijven hier staan."))
    return redirect("notifications:list")


@never_cache
def notification_badge(request):
    """A tiny fragment for the site header (loaded with htmx): a link with the unread count."""
    count = unread_count(user=request.user) if request.user.is_authenticated else 0
    return render(request, "notifications/badge.html", {"count": count, "anonymous": not request.user.is_authenticated})
