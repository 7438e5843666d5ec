"""Who may comment, report and moderate; every predicate takes a Comment or an Initiative."""

import rules

from samenspel.municipalities.rules import is_moderator, is_municipality_admin, is_resident


@rules.predicate
def is_resident_of_initiative(user, initiative) -> bool:
    return initiative is not None and not initiative.is_hidden and is_resident(user, initiative.municipality)


@rules.predicate
def is_resident_of_comment(user, comment) -> bool:
    return comment is not None and is_resident(user, comment.initiative.municipality)


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_visible_comment(user, comment) -> bool:
    return comment is not None and not comment.is_hidden


@rules.predicate
def is_moderator_of_comment(user, comment) -> bool:
    if comment is None:
        return False
    municipality = comment.initiative.municipality
    return is_moderator(user, municipality) or is_municipality_admin(user, municipality)


rules.add_perm("comments.post", is_resident_of_initiative)
# Reporting your own words makes no sense, and hidden comments are already handled.
rules.add_perm("comments.report", is_resident_of_comment & is_visible_comment & ~is_comment_author)
rules.add_perm("comments.moderate", is_moderator_of_comment)
