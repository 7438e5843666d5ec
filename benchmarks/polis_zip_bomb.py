"""Worker memory for a Polis zip whose votes.csv inflates to 400 MB (issue #17, finding 5).

Builds the zip (about 400 KB), then in a fresh process each: reads the member whole as the
import did before (`archive.read`), and runs today's import code (`_polis_folder_from_upload`,
streamed in 1 MB chunks and refused at the cap). Prints the zip size and the peak resident
memory of each process.

    .venv/bin/python benchmarks/polis_zip_bomb.py
"""

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MB = 1024 * 1024
INFLATED = 400 * MB

CHILD = r"""
import os, resource, sys, tempfile, zipfile
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.settings")
os.environ.setdefault("SAMENSPEL_TESTING", "1")
import django
django.setup()
from django.core.exceptions import ValidationError
from samenspel.vision.services.polis import _polis_folder_from_upload
path, how = sys.argv[1], sys.argv[2]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
outcome = "read"
with tempfile.TemporaryDirectory() as tmp:
    if how == "whole":
        with zipfile.ZipFile(path) as archive:
            data = archive.read("votes.csv")
            outcome = f"read {len(data) // (1024 * 1024)} MB"
    else:
        try:
            with open(path, "rb") as upload:
                _polis_folder_from_upload({"polis.zip": upload}, Path(tmp))
        except ValidationError as error:
            outcome = "refused: " + " ".join(error.messages)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{how:8} peak {after} MB (after start-up {before} MB): {outcome}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bomb.zip"
        line = b"1,1,1,1\n" * (MB // 8)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr(
                "comments.csv", "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            )
            with archive.open("votes.csv", "w", force_zip64=True) as member:
                member.write(b"timestamp,datetime,comment-id,voter-id,vote\n")
                for _ in range(INFLATED // MB):
                    member.write(line)
        print(f"zip {path.stat().st_size // 1024} KB, votes.csv inflates to {INFLATED // MB} MB")
        root = Path(__file__).resolve().parent.parent
        for how in ("whole", "streamed"):
            subprocess.run([sys.executable, "-c", CHILD, str(path), how], check=True, cwd=root, env={**os.environ})


if __name__ == "__main__":
    main()
