"""Turning a kept upload into the photo an initiative's page shows (run by tasks.process_initiative_image).

Apart from services (which queue the task) so that the task module imports no service: the
import graph stays one-way (services -> tasks -> photos).
"""

from django.core.exceptions import ValidationError

from .images import image_encode
from .models import InitiativeImage


def image_process(*, image_id: int) -> bool:
    """Decode, shrink and re-encode a kept upload once; harmless to run twice.

    A file that turns out not to be a photo (truncated, corrupt) is removed with its row.
    """
    photo = InitiativeImage.objects.filter(pk=image_id).exclude(original="").first()
    if photo is None:
        return False
    original = photo.original.name
    try:
        with photo.original.open("rb") as upload:
            clean = image_encode(upload)
    except (ValidationError, FileNotFoundError):
        photo.delete()
        photo.original.storage.delete(original)
        return False
    photo.image.save(clean.name, clean, save=False)
    photo.original = ""
    photo.save(update_fields=["image", "width", "height", "original"])
    photo.original.storage.delete(original)
    return True
