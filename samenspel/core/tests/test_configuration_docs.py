from pathlib import Path

from samenspel.core.configuration import documented_variables, markdown, read_variables

DOCS = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"


def test_every_environment_variable_is_documented_where_it_is_read():
    assert read_variables() - set(documented_variables()) == set()


def test_the_operator_docs_are_generated_from_the_settings():
    assert DOCS.read_text() == markdown(), "run: python manage.py configuration_docs > docs/configuration.md"
