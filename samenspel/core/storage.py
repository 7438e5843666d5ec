from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files that tolerate dangling references in npm packages.

    The Utrecht design-token package ships a CSS file that points at an icon it does not
    include; Django's manifest storage would refuse the whole build for it. Such a
    reference keeps its plain name instead; every file we do ship is still hashed.
    """

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if name.startswith("vendor/") or "/vendor/" in (filename or ""):
                return name
            raise
