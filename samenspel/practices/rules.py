"""Who may do what in the what-works library.

Reading crosses the tenant boundary by design: a published practice is readable by
everyone, from every municipality's pages. A withdrawn one only by the staff (coaches,
administrators) of the municipality that published it. Publishing, withdrawing and
adopting are for a municipality's coaches and administrators, each in their own
municipality: adopting is checked against an `AdoptionTarget` (the practice, and the
municipality that takes it up), so Heideborg's coach adopts into Heideborg, never into
Lindeveen.
"""

from dataclasses import dataclass

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of


@dataclass(frozen=True)
class AdoptionTarget:
    practice: object
    municipality: object


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is not None and practice.status == "published"


@rules.predicate
def target_is_published(user, target) -> bool:
    return target is not None and target.practice.status == "published"


is_staff_here = role_of(Role.COACH, Role.ADMIN, via=lambda municipality: municipality, name="is_practice_staff_here")
is_practice_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_practice_staff")
is_target_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_adopting_staff")

rules.add_perm("practices.view_practice", is_published | is_practice_staff)
rules.add_perm("practices.publish_practice", is_staff_here)
rules.add_perm("practices.withdraw_practice", is_practice_staff & is_published)
rules.add_perm("practices.adopt_practice", is_target_staff & target_is_published)
# The adopting municipality reports what the practice did there, so evidence accumulates.
rules.add_perm(
    "practices.report_adoption", role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_adoption_staff")
)
