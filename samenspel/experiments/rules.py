"""Who may do what with experiments.

Experiments are public: everyone reads the question, the indicators and the verdict. The
municipality's coaches and administrators set them up and record measurements while they
run; the evaluation (the outcome and the decision, which may change a rule for good) is a
decision of the municipality as a whole, so only its administrators take it, as they decide
rule obstacles on the coaching desk. An evaluated experiment is closed.
"""

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of


@rules.predicate
def is_running(user, experiment) -> bool:
    return experiment is not None and experiment.evaluated_at is None


is_municipality_staff = role_of(Role.COACH, Role.ADMIN, via=lambda municipality: municipality, name="is_staff_here")
is_experiment_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_experiment_staff")
is_experiment_admin = role_of(Role.ADMIN, via="municipality", name="is_experiment_admin")

rules.add_perm("experiments.add_experiment", is_municipality_staff)
rules.add_perm("experiments.change_experiment", is_experiment_staff & is_running)
rules.add_perm("experiments.evaluate_experiment", is_experiment_admin & is_running)
