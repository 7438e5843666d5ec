"""Checking and cleaning uploaded photos with Pillow.

The browser's content type and the file name lie easily, so we look at the bytes,
and we re-encode every photo so that EXIF (camera, GPS position) never reaches the site.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MIN_SIDE = 200
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def image_clean(upload) -> ContentFile:
    """A cleaned copy of an uploaded photo, or a ValidationError in plain Dutch."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Deze foto is te groot: maximaal 5 MB."), code="too_large")
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # catches truncated and corrupt files before we decode them
        image = Image.open(io.BytesIO(data))
        kind = image.format
        width, height = image.size
        if kind not in FORMATS:
            raise ValidationError(_("Kies een foto in JPEG, PNG of WebP."), code="format")
        if max(width, height) > MAX_SIDE:
            raise ValidationError(
                _("Deze foto is te groot: maximaal %(max)s bij %(max)s pixels.") % {"max": MAX_SIDE}, code="dimensions"
            )
        if min(width, height) < MIN_SIDE:
            raise ValidationError(
                _("Deze foto is te klein: minimaal %(min)s bij %(min)s pixels.") % {"min": MIN_SIDE}, code="dimensions"
            )
        image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF asked for, then drop EXIF
        out = io.BytesIO()
        if kind == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        elif kind == "PNG":
            image.save(out, "PNG", optimize=True)
        else:
            image.save(out, "WEBP", quality=85)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("Dit bestand is geen foto (JPEG, PNG of WebP)."), code="not_image") from error
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[kind]}")
