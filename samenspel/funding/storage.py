"""Where evidence files live: outside MEDIA_ROOT, because /media/ is served to anyone.

Receipts, attendance lists and photos of a team's activity may show people; they are
served only through `views.evidence_file`, which asks `funding.view_evidence` first.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class EvidenceStorage(FileSystemStorage):
    """A file system storage beside MEDIA_ROOT (`<MEDIA_ROOT>/../private/funding`), with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return os.path.join(os.path.dirname(os.path.abspath(settings.MEDIA_ROOT)), "private", "funding")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Evidence files have no public address; use the evidence view.")
