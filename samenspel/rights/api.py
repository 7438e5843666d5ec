"""Open data of the buurtrechten: the public register and the figures per right.

Served: what the public page shows. Never served: the submitters' names, e-mail addresses or
phone numbers, drafts, the municipality's questions and the submitters' answers.
"""

from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from samenspel.core.api import filter_params
from samenspel.municipalities.api import municipality_from_query

from . import selectors
from .models import Right, RightRequest, State

MUNICIPALITY = OpenApiParameter("municipality", str, required=True, description="Korte naam van de gemeente")


class RequestFilter(serializers.Serializer):
    """The query parameters of the register, validated once."""

    right = serializers.ChoiceField(choices=Right.choices, required=False)
    state = serializers.ChoiceField(choices=[c for c in State.choices if c[0] != State.DRAFT], required=False)


class AgreementSerializer(serializers.Serializer):
    task = serializers.CharField()
    expected_results = serializers.CharField()
    budget = serializers.DecimalField(max_digits=12, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reporting = serializers.CharField()
    review_every_months = serializers.IntegerField()
    end_option = serializers.CharField()


class RightRequestSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    neighbourhood = serializers.CharField(source="neighbourhood.name", default=None, read_only=True)
    submitted_by_group = serializers.CharField(source="group_name", read_only=True)
    ordinance = serializers.CharField(source="terms.ordinance", read_only=True)
    decision_due = serializers.SerializerMethodField()
    term_paused = serializers.SerializerMethodField()
    term_missed = serializers.SerializerMethodField()
    decided_within_term = serializers.SerializerMethodField()
    supports = serializers.IntegerField(source="support_count", read_only=True)
    agreement = serializers.SerializerMethodField()

    class Meta:
        model = RightRequest
        fields = [
            "id",
            "municipality",
            "right",
            "title",
            "submitted_by_group",
            "submitter_kind",
            "neighbourhood",
            "state",
            "ordinance",
            "received_on",
            "decision_due",
            "term_paused",
            "term_missed",
            "outcome",
            "decision_reasons",
            "decided_on",
            "decided_within_term",
            "supports",
            "agreement",
        ]

    def _clocks(self, obj):
        return self.context["clocks"].get(obj.pk)

    def get_decision_due(self, obj) -> str | None:
        clocks = self._clocks(obj)
        return clocks.decision.deadline.isoformat() if clocks else None

    def get_term_paused(self, obj) -> bool:
        clocks = self._clocks(obj)
        return bool(clocks and clocks.paused)

    def get_term_missed(self, obj) -> bool:
        clocks = self._clocks(obj)
        return bool(clocks and clocks.overdue)

    def get_decided_within_term(self, obj) -> bool | None:
        clocks = self._clocks(obj)
        return clocks.decision.kept if clocks else None

    def get_agreement(self, obj) -> dict | None:
        agreement = getattr(obj, "agreement", None)
        return AgreementSerializer(agreement).data if agreement else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            MUNICIPALITY,
            OpenApiParameter("right", str, enum=Right.values, description="Het recht"),
            OpenApiParameter("state", str, description="De stand"),
        ]
    ),
    retrieve=extend_schema(parameters=[MUNICIPALITY]),
)
class RightRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """The public register of buurtrecht requests: state, terms, decision with its reasons, agreement."""

    serializer_class = RightRequestSerializer
    queryset = RightRequest.objects.none()  # for the schema only; get_queryset scopes by municipality

    def get_queryset(self):
        municipality = municipality_from_query(self.request, required=True)
        query = filter_params(self.request, RequestFilter)
        self._rows = selectors.public_register(municipality=municipality, **query)
        ids = [row.request.pk for row in self._rows]
        # The page of the list is cut from this queryset; the clocks come from the rows.
        return (
            RightRequest.objects.filter(pk__in=ids)
            .select_related("municipality", "neighbourhood", "terms__ordinance", "agreement")
            .annotate(support_count=Count("supports"))
            .order_by("-received_on", "-pk")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["clocks"] = {row.request.pk: row.clocks for row in getattr(self, "_rows", [])}
        return context


class FiguresSerializer(serializers.Serializer):
    right = serializers.CharField()
    received = serializers.IntegerField()
    running = serializers.IntegerField()
    inadmissible = serializers.IntegerField()
    outcomes = serializers.DictField(child=serializers.IntegerField())
    decided = serializers.IntegerField()
    decided_within_term = serializers.IntegerField(source="within_term")
    share_decided_within_term = serializers.FloatField(source="share_within_term", allow_null=True)


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY], responses=FiguresSerializer(many=True)))
class RightFiguresViewSet(viewsets.ViewSet):
    """Per right: requests, outcomes and the share decided within the term, for one municipality."""

    serializer_class = FiguresSerializer

    def list(self, request):
        municipality = municipality_from_query(request, required=True)
        figures = selectors.figures(municipality=municipality)
        return Response(FiguresSerializer(figures, many=True).data)


ROUTES = [
    ("right-requests", RightRequestViewSet, "right-request"),
    ("right-figures", RightFiguresViewSet, "right-figures"),
]
