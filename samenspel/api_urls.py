"""The public REST API at /api/v1/ (NL API Design Rules: versioned path, problem+json)."""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from samenspel.budgeting.api import BudgetPlanViewSet, BudgetResultViewSet, BudgetRoundViewSet
from samenspel.coaching.api import DecisionViewSet, RuleViewSet
from samenspel.core.api_reference import ApiIndex, reference
from samenspel.initiatives.api import InitiativeViewSet, ThemeViewSet
from samenspel.marketplace.api import MatchViewSet, NeedViewSet, OfferViewSet, OrganisationViewSet
from samenspel.municipalities.api import MunicipalityViewSet, NeighbourhoodViewSet
from samenspel.vision.api import OpinionMapViewSet, StatementViewSet, VisionProcessViewSet, VoteViewSet

router = SimpleRouter(trailing_slash=False)
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("budget-rounds", BudgetRoundViewSet, basename="budget-round")
router.register("budget-plans", BudgetPlanViewSet, basename="budget-plan")
router.register("budget-results", BudgetResultViewSet, basename="budget-result")
router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")
router.register("vision-processes", VisionProcessViewSet, basename="vision-process")
router.register("statements", StatementViewSet, basename="statement")
router.register("votes", VoteViewSet, basename="vote")
router.register("opinion-map", OpinionMapViewSet, basename="opinion-map")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("needs", NeedViewSet, basename="need")
router.register("offers", OfferViewSet, basename="offer")
router.register("themes", ThemeViewSet, basename="theme")
router.register("rules", RuleViewSet, basename="rule")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("matches", MatchViewSet, basename="match")
# Newer apps list their routes in api.ROUTES, so adding one touches only that app.
for app in ("rights", "funding", "experiments", "practices", "insights"):
    for prefix, viewset, basename in import_module(f"samenspel.{app}.api").ROUTES:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path(
        "",
        ApiIndex.as_view(resources={prefix: f"{basename}-list" for prefix, _viewset, basename in router.registry}),
        name="api-index",
    ),
    path("documentatie/", reference, name="api-reference"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include(router.urls)),
]
