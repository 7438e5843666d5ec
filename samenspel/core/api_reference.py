"""The API's front door: an index at /api/v1/ and a readable reference built from the OpenAPI document.

The reference is rendered on the server from the same schema drf-spectacular serves as
`openapi.json`, so it can never disagree with it, needs no script from elsewhere and keeps
the Content-Security-Policy. The schema is built once per language per process.
"""

import functools

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

METHODS = ("get", "post", "put", "patch", "delete")


@functools.lru_cache(maxsize=4)
def _schema(language: str) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"[{_type_of(schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"] if value not in ("", None))
    return schema.get("format") or schema.get("type") or ""


def reference_sections() -> list[dict]:
    """The operations grouped by resource, each with its parameters, in reading order."""
    schema = _schema(get_language() or "nl")
    sections: dict[str, dict] = {}
    for path, operations in schema["paths"].items():
        resource = path.removeprefix("/api/v1/").split("/", 1)[0]
        section = sections.setdefault(resource, {"name": resource, "operations": []})
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            section["operations"].append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation["operationId"],
                    "summary": operation.get("summary") or operation.get("description", "").split("\n", 1)[0],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type_of(parameter.get("schema", {})),
                            "description": parameter.get("description", "").split("\n\n", 1)[0],
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return sorted(sections.values(), key=lambda section: section["name"])


def reference(request):
    schema = _schema(get_language() or "nl")
    return render(
        request,
        "core/api_reference.html",
        {"info": schema["info"], "sections": reference_sections(), "openapi_url": reverse("openapi")},
    )


class ApiIndex(APIView):
    """GET /api/v1/: where everything is, as links (NL API Design Rules: a discoverable root)."""

    permission_classes = [AllowAny]
    schema = None  # the index describes the document; it is not an operation in it
    resources: dict[str, str] = {}  # name -> URL name of the list endpoint; set by the URLconf

    def get(self, request):
        def absolute(name):
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "title": _("Samenspel API"),
                "version": _schema(get_language() or "nl")["info"]["version"],
                "_links": {
                    "self": {"href": absolute("api-index")},
                    "openapi": {"href": absolute("openapi"), "type": "application/vnd.oai.openapi+json"},
                    "documentation": {"href": absolute("api-reference"), "type": "text/html"},
                    **{name: {"href": absolute(url_name)} for name, url_name in self.resources.items()},
                },
            }
        )
