"""Open data of the coaching desk: the rule register and the municipality's public decisions.

Coach notes, proposals and non-public decisions or agreements are never served here.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.municipalities.api import municipality_from_query

from .models import Decision, Outcome, Rule
from .selectors import public_decisions, rule_register

MUNICIPALITY = OpenApiParameter("municipality", str, required=True, description="Korte naam van de gemeente")


class RuleSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    initiatives_blocked = serializers.IntegerField(source="blocked", read_only=True)
    outcomes = serializers.SerializerMethodField()

    class Meta:
        model = Rule
        fields = ["id", "municipality", "title", "reference", "url", "initiatives_blocked", "outcomes"]

    def get_outcomes(self, rule) -> dict[str, int]:
        return {
            Outcome.PENDING.value: rule.pending,
            Outcome.EXPERIMENT.value: rule.experiment,
            Outcome.CHANGED.value: rule.changed,
            Outcome.REJECTED.value: rule.rejected,
        }


class DecisionFilter(serializers.Serializer):
    """The query parameters of the decision list, validated once."""

    initiative = serializers.SlugField(required=False, max_length=140)


class DecisionSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    decided_by = serializers.CharField(source="decided_by.display_name", default=None, read_only=True, allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "initiative",
            "kind",
            "from_status",
            "to_status",
            "title",
            "reasoning",
            "decided_by",
            "decided_at",
        ]


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY]), retrieve=extend_schema(parameters=[MUNICIPALITY]))
class RuleViewSet(viewsets.ReadOnlyModelViewSet):
    """The register of rule obstacles, most blocking first."""

    serializer_class = RuleSerializer
    queryset = Rule.objects.none()  # for the schema only; get_queryset scopes by municipality

    def get_queryset(self):
        municipality = municipality_from_query(self.request, required=True)
        return rule_register(municipality=municipality).select_related("municipality")


@extend_schema_view(
    list=extend_schema(
        parameters=[MUNICIPALITY, OpenApiParameter("initiative", str, description="Korte naam van het initiatief")]
    ),
    retrieve=extend_schema(parameters=[MUNICIPALITY]),
)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Public decisions of the municipality on initiatives, newest first, each with its reasoning."""

    serializer_class = DecisionSerializer
    queryset = Decision.objects.none()  # for the schema only; get_queryset scopes by municipality

    def get_queryset(self):
        municipality = municipality_from_query(self.request, required=True)
        query = DecisionFilter(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return public_decisions(municipality=municipality, **query.validated_data)
