"""The "Reacties" panel, the same on every subject's page.

An initiative's page shows one panel (`comments_panel_context`, registered as an initiative
panel); a page with several subjects, such as the vision with its principles, asks for all
panels at once (`comment_panels`), so the page costs one comments query however many there are.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from samenspel.core.actions import form_messages
from samenspel.municipalities.rules import is_resident

from .forms import CommentForm
from .selectors import comments_for
from .targets import post_url, target_of


def comment_panels(request, subjects, *, nested: bool = True, form=None, posted: bool = False) -> dict[int, dict]:
    """{subject pk: panel data}; `nested` panels sit inside a section of a larger page."""
    subjects = list(subjects)
    if not subjects:
        return {}
    user = request.user
    by_subject = comments_for(subjects=subjects)
    municipality = target_of(subjects[0]).municipality_of(subjects[0])
    login_url = reverse("account_login") + "?next=" + request.get_full_path()
    # A refused comment says so above the form (includes/refusal.html), besides the field's own error.
    refusal = ""
    if form is not None and form.errors:
        refusal = _("Uw reactie is niet geplaatst: %(reasons)s") % {"reasons": " ".join(form_messages(form))}
    panels = {}
    for subject in subjects:
        comments = by_subject.get(subject.pk, [])
        for comment in comments:
            # The role lookups behind these checks are memoised per request.
            comment.can_report = user.has_perm("comments.report", comment)
            comment.can_moderate = user.has_perm("comments.moderate", comment)
        dom_id = panel_dom_id(subject, nested=nested)
        panels[subject.pk] = {
            "subject": subject,
            "municipality": municipality,
            "comments": comments,
            "count": sum(1 for c in comments if not c.is_hidden),
            "can_post": user.has_perm("comments.post", subject),
            "is_resident": is_resident(user, municipality),
            "form": form or CommentForm(initial={"nested": nested}, auto_id=f"{dom_id}-%s"),
            "post_url": post_url(subject),
            "login_url": login_url,
            "dom_id": dom_id,
            "nested": nested,
            "posted": posted,
            "refusal": refusal,
        }
    return panels


def panel_dom_id(subject, *, nested: bool) -> str:
    return f"reacties-{target_of(subject).key}-{subject.pk}" if nested else "reacties"


def comments_panel_context(request, subject, *, form=None, posted: bool = False, nested: bool = False) -> dict:
    return comment_panels(request, [subject], nested=nested, form=form, posted=posted)[subject.pk]
