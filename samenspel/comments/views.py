from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from samenspel.initiatives.models import Initiative

from .forms import CommentForm, DismissForm, ModerationReasonForm, ReportForm
from .models import Comment
from .panels import comments_panel_context
from .selectors import hidden_comments, moderation_queue
from .services import (
    comment_create,
    comment_hide,
    comment_unhide,
    comment_url,
    initiative_url,
    report_create,
    reports_dismiss,
)


def _initiative(request, slug):
    return get_object_or_404(
        Initiative.objects.select_related("municipality"), municipality=request.municipality, slug=slug
    )


def _comment(request, pk, **_kwargs):
    return get_object_or_404(
        Comment.objects.select_related("initiative__municipality", "author"),
        pk=pk,
        initiative__municipality=request.municipality,
    )


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
@login_required
def comment_new(request, slug):
    initiative = _initiative(request, slug)
    if initiative.is_hidden:
        raise Http404
    if not request.user.has_perm("comments.post", initiative):
        raise PermissionDenied
    form = CommentForm(request.POST)
    comment = None
    if form.is_valid():
        try:
            comment = comment_create(initiative=initiative, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _apply_errors(form, error)
    if _is_htmx(request):
        # Swap the whole panel so the new comment and a fresh (or erroneous) form show together.
        data = comments_panel_context(request, initiative, form=None if comment else form)
        data["posted"] = comment is not None
        # htmx swaps only 2xx answers, so a form with errors comes back as 200 too.
        return render(request, "comments/panel.html", {"data": data})
    if comment is not None:
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect(comment_url(comment))
    return render(
        request,
        "comments/comment_form_page.html",
        {"initiative": initiative, "form": form, "back_url": initiative_url(initiative)},
        status=400,
    )


@login_required
def comment_report(request, pk):
    comment = _comment(request, pk)
    if comment.initiative.is_hidden:
        raise Http404
    if not request.user.has_perm("comments.report", comment):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(comment=comment, reporter=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Bedankt voor uw melding. Een moderator bekijkt de reactie."))
            return redirect(comment_url(comment))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "form": form, "back_url": comment_url(comment)},
        status=status,
    )


@permission_required("municipalities.moderate", fn=lambda request, **kw: request.municipality, raise_exception=True)
def moderation_index(request):
    municipality = request.municipality
    queue = list(moderation_queue(municipality=municipality))
    hidden = list(hidden_comments(municipality=municipality))
    # One form per comment, each with its own ids so labels stay unique on the page.
    for comment in queue:
        comment.hide_form = ModerationReasonForm(auto_id=f"verbergen-{comment.pk}-%s")
        comment.dismiss_form = DismissForm(auto_id=f"afwijzen-{comment.pk}-%s")
    for comment in hidden:
        comment.unhide_form = ModerationReasonForm(auto_id=f"zichtbaar-{comment.pk}-%s")
    return render(request, "comments/moderation_queue.html", {"queue": queue, "hidden": hidden})


def _moderation_action(request, pk, *, form_class, action, success):
    comment = _comment(request, pk)
    if not request.user.has_perm("comments.moderate", comment):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(comment=comment, moderator=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("comments:queue", municipality=request.municipality.slug)
    return render(
        request,
        "comments/moderation_action.html",
        {"comment": comment, "form": form, "action_url": request.path},
        status=400,
    )


@require_POST
def moderation_hide(request, pk):
    return _moderation_action(
        request,
        pk,
        form_class=ModerationReasonForm,
        action=comment_hide,
        success=_("De reactie is verborgen. De schrijver heeft bericht gekregen."),
    )


@require_POST
def moderation_unhide(request, pk):
    return _moderation_action(
        request,
        pk,
        form_class=ModerationReasonForm,
        action=comment_unhide,
        success=_("De reactie is weer zichtbaar. De schrijver heeft bericht gekregen."),
    )


@require_POST
def moderation_dismiss(request, pk):
    return _moderation_action(
        request,
        pk,
        form_class=DismissForm,
        action=reports_dismiss,
        success=_("De meldingen zijn afgewezen; de reactie blijft staan."),
    )
