"""The public REST API at /api/v1/ (NL API Design Rules: versioned path, problem+json)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from samenspel.municipalities.api import MunicipalityViewSet, NeighbourhoodViewSet

router = SimpleRouter(trailing_slash=False)
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include(router.urls)),
]
