"""`manage.py pb_count` recounts a .pb file without touching the database."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samenspel.budgeting.pabulib import count_file

DATA = Path(__file__).parent / "data" / "pabulib"
FILES = sorted(p.name for p in DATA.glob("*.pb") if p.stat().st_size < 200_000)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("rule", ["greedy", "mes", "mes+greedy"])
def test_pb_count_prints_the_funded_projects(name, rule, django_assert_num_queries):
    out = StringIO()
    with django_assert_num_queries(0):
        call_command("pb_count", str(DATA / name), "--rule", rule, stdout=out)
    assert out.getvalue().split() == count_file(DATA / name, rule)


def test_pb_count_explains_a_malformed_file(tmp_path):
    broken = tmp_path / "kapot.pb"
    broken.write_text("META\nkey;value\nbudget;abc\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ongeldig .pb-bestand"):
        call_command("pb_count", str(broken), "--rule", "greedy")
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("pb_count", str(tmp_path / "bestaat-niet.pb"))
