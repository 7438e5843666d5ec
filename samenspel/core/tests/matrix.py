"""Permission matrices as data: permission -> state -> the roles that may act.

Every app's `tests/test_permissions.py` declares a module-level `MATRIX`:

    MATRIX = {
        "coaching.change_status": {Status.SUBMITTED: {"coach", "admin"}, Status.REALISED: {"coach", "admin"}},
        "initiatives.support":   {"public": {"resident", "team", ...}, "hidden": set()},
    }

and checks it with `mismatches(...)` over its own ROLES (every role, not only the allowed
ones, so a refusal is as tested as a grant). `core/tests/test_permission_matrices.py`
imports every such module and fails when a registered permission is in none of them, or a
matrix cannot fail (no refused cell, or no allowed cell).
"""

from collections.abc import Callable, Iterable, Mapping


def mismatches(
    permission: str,
    expected: Mapping[object, set[str]],
    roles: Iterable[str],
    *,
    user: Callable[[str, object], object],
    subject: Callable[[object], object],
) -> dict[tuple[object, str], bool]:
    """The cells where `user(role, state).has_perm(permission, subject(state))` is not as expected."""
    wrong = {}
    for state, allowed in expected.items():
        obj = subject(state)
        for role in roles:
            granted = user(role, state).has_perm(permission, obj)
            if granted != (role in allowed):
                wrong[(state, role)] = granted
    return wrong
