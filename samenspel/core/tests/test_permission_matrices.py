"""Every registered permission sits in a role x state matrix that can fail.

A permission nobody put in a matrix is how a gap goes unseen (creating an organisation once
needed only a log-in, in any municipality). This test finds every permission registered
with `rules.add_perm` and the matrices the apps declare (`MATRIX` in their
`tests/test_permissions.py`).
"""

import importlib
import pkgutil

import rules
from django.apps import apps


def _matrix_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("samenspel."):
            continue
        tests = f"{config.name}.tests"
        try:
            package = importlib.import_module(tests)
        except ModuleNotFoundError:
            continue
        names = {info.name for info in pkgutil.iter_modules(package.__path__)}
        if "test_permissions" in names:
            module = importlib.import_module(f"{tests}.test_permissions")
            yield module.__name__, getattr(module, "MATRIX", {})


def test_every_registered_permission_is_in_a_role_by_state_matrix():
    registered = {name for name in rules.permissions.permissions if name.split(".")[0] in _samenspel_apps()}
    covered = {}
    for module, matrix in _matrix_modules():
        for permission in matrix:
            covered.setdefault(permission, module)
    missing = sorted(registered - set(covered))
    assert missing == [], f"permissions without a matrix: {missing}"
    unknown = sorted(set(covered) - registered)
    assert unknown == [], f"matrices for permissions that are not registered: {unknown}"


def test_every_matrix_has_a_granted_and_a_refused_cell():
    for module, matrix in _matrix_modules():
        for permission, by_state in matrix.items():
            assert by_state, f"{module}: {permission} has no states"
            assert any(by_state.values()), f"{module}: {permission} is granted to nobody"
            roles = importlib.import_module(module).ROLES
            assert any(set(roles) - allowed for allowed in by_state.values()), (
                f"{module}: {permission} is granted to every role in every state, so its matrix cannot fail"
            )


def _samenspel_apps() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith("samenspel.")}
