"""Checking and cleaning uploaded photos with Pillow.

The browser's content type and the file name lie easily, so we look at the bytes,
and we re-encode every photo so that EXIF (camera, GPS position) never reaches the site.

Two steps, so that a request never decodes a photo:

* `image_probe` reads only the header (`Image.open` is lazy): format, width and height, and
  refuses a file past the pixel budget before a single pixel is decoded. A 400 KB PNG can
  declare 6000 x 6000 pixels and inflate to 144 MB when decoded (a decompression bomb).
* `image_encode` decodes once, turns the photo upright, shrinks it to at most STORED_SIDE
  pixels on its longest side and re-encodes it without metadata. Initiatives call it in a task
  (`tasks.process_initiative_image`), so an upload costs the web server milliseconds.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MIN_SIDE = 200
# The pixel budget: 24 megapixels (6000 x 4000, a large camera photo) is about 100 MB when
# decoded; anything past it is refused from its header.
MAX_PIXELS = 24_000_000
# The longest side kept on the site: sharp on any screen, a fraction of the decoding work.
STORED_SIDE = 2000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_BROKEN = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


@dataclass(frozen=True)
class Probe:
    format: str
    width: int
    height: int


def _not_an_image() -> ValidationError:
    return ValidationError(_("Dit bestand is geen foto (JPEG, PNG of WebP)."), code="not_image")


def image_probe(upload) -> Probe:
    """What an uploaded photo says it is, read from its header only; a ValidationError in plain Dutch.

    No pixel is decoded: the dimensions are checked against MAX_SIDE and MAX_PIXELS first.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Deze foto is te groot: maximaal 5 MB."), code="too_large")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we check the size ourselves
            with Image.open(upload) as image:
                kind, (width, height) = image.format, image.size
    except _BROKEN as error:
        raise _not_an_image() from error
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(_("Kies een foto in JPEG, PNG of WebP."), code="format")
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            _("Deze foto is te groot: maximaal %(max)s bij %(max)s pixels.") % {"max": MAX_SIDE}, code="dimensions"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("Deze foto heeft te veel pixels: hoogstens %(mp)s miljoen (bijvoorbeeld 6000 bij 4000).")
            % {"mp": MAX_PIXELS // 1_000_000},
            code="pixels",
        )
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("Deze foto is te klein: minimaal %(min)s bij %(min)s pixels.") % {"min": MIN_SIDE}, code="dimensions"
        )
    return Probe(kind, width, height)


def image_encode(upload) -> ContentFile:
    """Decode a probed photo once and re-encode it upright, at most STORED_SIDE wide, without metadata."""
    probe = image_probe(upload)  # again: the stored original may not be what was probed at upload
    # WeasyPrint (the participation report) turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole
    # process when it is imported; a broken upload must still be refused here, not half-decoded.
    truncated_ok, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(upload) as image:
            ratio = STORED_SIDE / max(probe.width, probe.height)
            if probe.format == "JPEG" and ratio < 1:
                # Decode at 1/2, 1/4 or 1/8 scale where that still leaves the stored size: far less work.
                image.draft("RGB", (round(probe.width * ratio), round(probe.height * ratio)))
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF asked for, then drop EXIF
            upright.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if probe.format == "JPEG":
                upright.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
            elif probe.format == "PNG":
                upright.save(out, "PNG", optimize=True)
            else:
                upright.save(out, "WEBP", quality=85)
    except _BROKEN as error:
        raise _not_an_image() from error
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[probe.format]}")


def image_clean(upload) -> ContentFile:
    """A cleaned copy of an uploaded photo, or a ValidationError in plain Dutch (probe, then one decode)."""
    return image_encode(upload)
