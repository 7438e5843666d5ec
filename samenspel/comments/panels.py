"""The "Reacties" panel on an initiative's public page."""

from django.urls import reverse

from .forms import CommentForm
from .selectors import comments_for_initiative


def comments_panel_context(request, initiative, *, form=None) -> dict:
    user = request.user
    comments = list(comments_for_initiative(initiative=initiative))
    # Residents of the municipality may both post and report (see rules.py).
    can_post = user.has_perm("comments.post", initiative)
    for comment in comments:
        # Per comment only the author check differs; the role lookup is memoised per request.
        comment.can_report = can_post and comment.author_id != user.pk and not comment.is_hidden
    slug = initiative.municipality.slug
    return {
        "initiative": initiative,
        "comments": comments,
        "count": sum(1 for c in comments if not c.is_hidden),
        "can_post": can_post,
        "form": form or CommentForm(),
        "post_url": reverse("comments:create", kwargs={"municipality": slug, "slug": initiative.slug}),
        "login_url": reverse("account_login") + "?next=" + request.get_full_path(),
    }
