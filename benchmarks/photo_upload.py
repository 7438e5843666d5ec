"""Worker time per photo upload before and after finding 5 of issue #17.

Before: the form and the service each ran the whole clean-up (verify, decode, re-encode at full
size with `optimize`), inside the request. After: the request reads the header twice (form and
service, `image_probe`), and a task decodes once, shrunk to STORED_SIDE (`image_encode`).

    .venv/bin/python benchmarks/photo_upload.py
"""

import contextlib
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, run from anywhere

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.settings")
os.environ.setdefault("SAMENSPEL_TESTING", "1")

import django

django.setup()


from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from samenspel.initiatives.images import image_encode, image_probe  # noqa: E402


def before(data: bytes) -> None:
    """The clean-up as it was (images.py before this change), once."""
    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()
    image = Image.open(io.BytesIO(data))
    kind = image.format
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)


def photo(fmt: str, size: tuple[int, int]) -> bytes:
    """A JPEG with noise (compresses like a photo); a PNG of smooth gradients (a few hundred KB,
    like the 430 KB 6000 x 6000 PNG of the issue)."""
    if fmt == "JPEG":
        image = Image.effect_noise((size[0] // 8, size[1] // 8), 60).convert("RGB").resize(size)
    else:
        gradient = Image.linear_gradient("L").resize(size)
        image = Image.merge("RGB", (gradient, gradient.rotate(90), gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM)))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def timed(function, *args) -> float:
    start = time.perf_counter()
    with contextlib.suppress(ValidationError):
        function(*args)
    return time.perf_counter() - start


def main() -> None:
    cases = [("PNG", (6000, 6000)), ("PNG", (6000, 4000)), ("JPEG", (6000, 4000)), ("JPEG", (4000, 3000))]
    print(f"{'photo':24} {'size':>7} {'before: request':>16} {'after: request':>15} {'after: task':>12}")
    for fmt, size in cases:
        data = photo(fmt, size)
        upload = SimpleUploadedFile(f"x.{fmt.lower()}", data)
        old = 2 * timed(before, data)  # the form and the service each did it
        request = 2 * timed(image_probe, upload)
        try:
            image_probe(upload)
            task = f"{timed(image_encode, upload):11.2f}s"
        except ValidationError as error:
            task = "refused: " + error.code
        label = f"{fmt} {size[0]}x{size[1]}"
        print(f"{label:24} {len(data) // 1024:>5}KB {old:15.2f}s {request * 1000:13.1f}ms {task:>12}")


if __name__ == "__main__":
    main()
