"""Background jobs of initiatives: a photo is decoded and re-encoded here, once, never in a request."""

from django_tasks import task


@task()
def process_initiative_image(image_id: int) -> bool:
    """Turn a kept upload into the photo the page shows (photos.image_process)."""
    from .photos import image_process

    return image_process(image_id=image_id)
