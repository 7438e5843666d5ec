"""Who may comment, report and moderate.

`comments.post` takes the subject (an initiative, a principle, ...) and asks the subject's
registered permission hook (`targets.py`); `comments.report` and `comments.moderate` take a
comment and are the same for every subject, scoped by the comment's municipality.
"""

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

from .targets import is_public, target_of


@rules.predicate
def may_post_on_subject(user, subject) -> bool:
    return subject is not None and is_public(subject) and target_of(subject).may_post(user, subject)


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_visible_comment(user, comment) -> bool:
    return comment is not None and not comment.is_hidden


is_resident_of_comment = role_of(Role.RESIDENT, via="municipality")
is_moderator_of_comment = role_of(Role.MODERATOR, Role.ADMIN, via="municipality")


rules.add_perm("comments.post", may_post_on_subject)
# Reporting your own words makes no sense, and hidden comments are already handled.
rules.add_perm("comments.report", is_resident_of_comment & is_visible_comment & ~is_comment_author)
rules.add_perm("comments.moderate", is_moderator_of_comment)
