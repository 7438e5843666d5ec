"""The API's request parsers (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]).

A module of its own: DRF resolves the setting while importing its views, so this may not
import `rest_framework.views` (as core.api does).
"""

import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: a body over DATA_UPLOAD_MAX_MEMORY_SIZE, nested deeper than
    Python's recursion allows (a RecursionError, so a 500), or other than an object (every request
    body of the API is one; a view merging `request.data` into a dict met a list) is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if stream is not None and limit is not None:
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise exceptions.ParseError(_("Het verzoek is te groot."))
            stream = io.BytesIO(body)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(_("De JSON is te diep genest.")) from error
        if not isinstance(data, dict):
            raise exceptions.ParseError(_('Stuur een JSON-object, zoals {"veld": "waarde"}.'))
        return data
