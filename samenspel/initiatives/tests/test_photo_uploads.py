"""Photos cost a request only their header: decoded once, in a task, within a pixel budget and a count."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from ..images import image_probe
from ..models import InitiativeImage
from ..services import image_add
from .factories import image_upload

pytestmark = pytest.mark.django_db


def _png(size, mode="1") -> SimpleUploadedFile:
    """A PNG of one colour: a few KB on disk, `size` pixels when decoded."""
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return SimpleUploadedFile("groot.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def no_decoding(monkeypatch):
    """Any decode of pixels fails the test: what runs under it reads headers only."""

    def refuse(self, *args, **kwargs):
        raise AssertionError("a photo was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)  # decoding an opened file


def test_a_decompression_bomb_is_refused_from_its_header(no_decoding):
    bomb = _png((5000, 5000))  # 25 megapixels in a few KB
    assert bomb.size < 100 * 1024
    with pytest.raises(ValidationError) as error:
        image_probe(bomb)
    assert "te veel pixels" in " ".join(error.value.messages)


def test_the_pixel_budget_is_refused_through_the_page_and_nothing_is_kept(initiative, initiator, client_for):
    response = client_for(initiator).post(
        f"/lindeveen/initiatieven/{initiative.slug}/foto/", {"image": _png((5000, 5000))}
    )
    assert response.status_code == 400
    assert "te veel pixels" in response.content.decode()
    assert not InitiativeImage.objects.exists()


def test_the_upload_request_decodes_nothing_and_the_task_does_it_once(
    initiative, initiator, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    decodes = []
    load = ImageFile.ImageFile.load

    def counted(self, *args, **kwargs):
        if self.tile:  # pixels still to decode (a second load() of the same image is free)
            decodes.append(self.size)
        return load(self, *args, **kwargs)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client_for(initiator).post(
            f"/lindeveen/initiatieven/{initiative.slug}/foto/", {"image": image_upload(size=(3000, 2000))}
        )
    assert response.status_code == 302
    assert decodes == []  # the request read the header only, twice at most (form and service)
    photo = InitiativeImage.objects.get()
    assert not photo.image and photo.original  # kept for the task, not shown yet
    assert initiative.get_absolute_url()
    page = client_for(None).get(initiative.get_absolute_url()).content.decode()
    assert "photo-list" not in page

    for callback in queued:  # the task, as the worker runs it after the commit
        callback()
    assert len(decodes) == 1
    photo.refresh_from_db()
    assert photo.image and not photo.original
    assert (photo.width, photo.height) == (2000, 1333)  # shrunk to the stored side
    assert photo.image.url in client_for(None).get(initiative.get_absolute_url()).content.decode()


def test_processing_twice_is_harmless(initiative, initiator, django_capture_on_commit_callbacks):
    from ..photos import image_process

    with django_capture_on_commit_callbacks(execute=True):
        photo = image_add(initiative=initiative, image=image_upload(), uploaded_by=initiator)
    assert image_process(image_id=photo.pk) is False
    photo.refresh_from_db()
    assert photo.image


def test_a_file_that_breaks_when_decoded_is_removed_by_the_task(
    initiative, initiator, django_capture_on_commit_callbacks
):
    whole = image_upload(fmt="PNG", size=(400, 300)).read()
    truncated = SimpleUploadedFile("kapot.png", whole[: len(whole) // 2], content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        photo = image_add(initiative=initiative, image=truncated, uploaded_by=initiator)
    assert not InitiativeImage.objects.filter(pk=photo.pk).exists()
    assert not photo.original.storage.exists(photo.original.name)


def test_a_broken_file_is_refused_also_after_weasyprint_loosened_pillow(
    initiative, initiator, django_capture_on_commit_callbacks
):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process on import; a worker
    that made a participation report must still refuse a half photo."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    whole = image_upload(fmt="PNG", size=(400, 300)).read()
    truncated = SimpleUploadedFile("kapot.png", whole[: len(whole) // 2], content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        photo = image_add(initiative=initiative, image=truncated, uploaded_by=initiator)
    assert not InitiativeImage.objects.filter(pk=photo.pk).exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


def test_an_initiative_has_at_most_the_configured_number_of_photos(initiative, initiator, client_for, settings):
    settings.INITIATIVE_MAX_PHOTOS = 2
    for _ in range(2):
        image_add(initiative=initiative, image=image_upload(), uploaded_by=initiator)
    with pytest.raises(ValidationError) as error:
        image_add(initiative=initiative, image=image_upload(), uploaded_by=initiator)
    assert "hoogstens 2 foto's" in " ".join(error.value.messages)
    response = client_for(initiator).post(f"/lindeveen/initiatieven/{initiative.slug}/foto/", {"image": image_upload()})
    assert response.status_code == 400
    assert "hoogstens 2 foto" in response.content.decode()
    assert InitiativeImage.objects.count() == 2
