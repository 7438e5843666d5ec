"""The operator's table of environment variables, read from the comments in settings.py.

Each variable is documented where it is read (`# NAME: meaning`, continued on the next
comment lines), so the table in docs/configuration.md cannot drift: a test compares them.
"""

import re
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "settings.py"
_DOC = re.compile(r"^# ([A-Z][A-Z0-9_]+): (.+)$")
_READ = re.compile(r"env(?:\.[a-z_]+)?\(\s*\"([A-Z][A-Z0-9_]+)\"")


def documented_variables(source: str | None = None) -> dict[str, str]:
    lines = (source or SETTINGS.read_text()).splitlines()
    docs: dict[str, str] = {}
    current = None
    for line in lines:
        match = _DOC.match(line)
        if match:
            current = match.group(1)
            docs[current] = match.group(2).strip()
        elif current and line.startswith("# ") and not _DOC.match(line):
            docs[current] += " " + line[2:].strip()
        else:
            current = None
    return docs


def read_variables(source: str | None = None) -> set[str]:
    return set(_READ.findall(source or SETTINGS.read_text()))


def markdown() -> str:
    escaped = {name: text.replace("|", "\\|") for name, text in documented_variables().items()}
    rows = "\n".join(f"| `{name}` | {text} |" for name, text in sorted(escaped.items()))
    return (
        "# Configuration\n\n"
        "Samenspel reads all of its configuration from environment variables (or a `.env` file\n"
        "in the project folder). This table is generated from `samenspel/settings.py` with\n"
        "`python manage.py configuration_docs > docs/configuration.md`; a test keeps it current.\n\n"
        "Without `DEBUG=true` the settings fail closed: Samenspel refuses to start without a\n"
        "`SECRET_KEY` of at least 50 characters, `ALLOWED_HOSTS` and a mail server.\n\n"
        "| variable | meaning |\n| --- | --- |\n" + rows + "\n"
    )
