"""The public REST API at /api/v1/ (NL API Design Rules: versioned path, problem+json)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from samenspel.initiatives.api import InitiativeViewSet, NeedViewSet, OfferViewSet, ThemeViewSet
from samenspel.municipalities.api import MunicipalityViewSet, NeighbourhoodViewSet

router = SimpleRouter(trailing_slash=False)
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("needs", NeedViewSet, basename="need")
router.register("offers", OfferViewSet, basename="offer")
router.register("themes", ThemeViewSet, basename="theme")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include(router.urls)),
]
