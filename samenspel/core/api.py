"""Shared API plumbing: problem+json errors (RFC 9457), pagination, filters declared as serializers.

The tenancy filter (`MunicipalityField`, `municipality_from_query`) lives in `municipalities.api`:
core knows no app.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, pagination, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Lazy: this table is built at import, the language is chosen per request.
_TITLES = {
    400: gettext_lazy("Ongeldige invoer"),
    401: gettext_lazy("Niet ingelogd"),
    403: gettext_lazy("Geen toestemming"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Methode niet toegestaan"),
    409: gettext_lazy("Conflict"),
    415: gettext_lazy("Onbekend formaat"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Fout op de server"),
}


def _invalid_params(detail, prefix=""):
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            params += _invalid_params(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
    elif isinstance(detail, list):
        for item in detail:
            if isinstance(item, (dict, list)):
                params += _invalid_params(item, prefix)
            else:
                params.append(
                    {
                        "name": prefix or "non_field_errors",
                        "code": getattr(item, "code", "invalid"),
                        "reason": str(item),
                    }
                )
    else:
        params.append(
            {"name": prefix or "non_field_errors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)}
        )
    return params


def _problem(request, code: int) -> dict:
    body = {
        "type": f"https://samenspel.nl/problemen/{code}",
        "title": str(_TITLES.get(code, _("Fout"))),
        "status": code,
    }
    if request is not None:
        body["instance"] = request.get_full_path()
    return body


def problem_response(request, code: int, *, detail: str | None = None) -> JsonResponse:
    """A problem+json answer outside DRF's views: refused requests, unknown addresses, crashes."""
    body = _problem(request, code)
    body["detail"] = detail or body["title"]
    return JsonResponse(body, status=code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    body = _problem(context.get("request"), code)
    if isinstance(exc, exceptions.ValidationError):
        body["detail"] = _("Een of meer velden zijn ongeldig.")
        body["invalid-params"] = _invalid_params(exc.detail)
    else:
        detail = getattr(exc, "detail", None)
        body["detail"] = str(detail) if detail is not None else body["title"]
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "pageSize"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }


class IdField(serializers.IntegerField):
    """An object's number in a filter or a request body: ASCII digits only, 1 up to the largest
    id the database holds. Every id parameter of the API is one of these, so '²' (which
    str.isdigit() calls a digit), '٣' or a 30-digit number is a Dutch 400, never a 500 from the
    database driver (SQLite's OverflowError)."""

    MAX_ID = 2**63 - 1  # BigAutoField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", self.MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or (isinstance(data, str) and not (data.isascii() and data.isdigit())):
            self.fail("invalid")
        return super().to_internal_value(data)


def filter_params(request, serializer_class) -> dict:
    """The query parameters checked once by a filter serializer: typed values, or a 400 problem.

    Viewsets declare their filters as a serializer (also their OpenAPI parameters) and hand
    the values to a selector; none reads `request.query_params` by hand.
    """
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
