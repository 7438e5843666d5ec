"""Public, read-only API for rounds, plans and published results (no personal data)."""

from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import municipality_from_query

from .models import BudgetRound, Plan, Result, ResultRow

MUNICIPALITY_PARAM = OpenApiParameter("municipality", str, description="Korte naam van de gemeente, bijv. lindeveen")


class BudgetRoundSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase = serializers.SerializerMethodField()

    class Meta:
        model = BudgetRound
        fields = [
            "id", "municipality", "slug", "title", "description", "neighbourhood", "budget", "min_plan_cost",
            "max_plan_cost", "min_supports", "ballot_type", "min_plans", "max_plans", "voter_mode", "min_age",
            "rule", "submission_start", "feasibility_start", "voting_start", "voting_end",
            "implementation_start", "phase",
        ]  # fmt: skip

    def get_phase(self, obj) -> str:
        return str(obj.current_phase)


class BudgetPlanSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="budget_round_id", read_only=True)
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    final_cost = serializers.IntegerField(read_only=True)
    supports = serializers.IntegerField(source="support_count", read_only=True)
    implementation_status = serializers.CharField(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id", "round", "title", "description", "cost", "adjusted_cost", "final_cost", "location", "lat", "lon",
            "neighbourhood", "status", "feasibility_reason", "merged_into", "implementation_status", "supports",
        ]  # fmt: skip


class ResultRowSerializer(serializers.ModelSerializer):
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    # Made from the stored facts in the request's language.
    explanation = serializers.CharField(read_only=True)

    class Meta:
        model = ResultRow
        fields = ["plan", "plan_title", "votes", "cost", "funded", "reason", "explanation", "position"]


class BudgetResultSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="budget_round_id", read_only=True)
    rows = ResultRowSerializer(many=True, read_only=True)

    class Meta:
        model = Result
        fields = ["id", "round", "rule", "budget", "spent", "voters", "counted_at", "published_at", "rows"]


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY_PARAM]))
class BudgetRoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetRoundSerializer

    def get_queryset(self):
        queryset = BudgetRound.objects.select_related("municipality", "neighbourhood").order_by("-voting_start", "pk")
        municipality = municipality_from_query(self.request)
        return queryset.filter(municipality=municipality) if municipality else queryset


@extend_schema_view(
    list=extend_schema(
        parameters=[MUNICIPALITY_PARAM, OpenApiParameter("round", int, description="Id van de begrotingsronde")]
    )
)
class BudgetPlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetPlanSerializer

    def get_queryset(self):
        queryset = (
            Plan.objects.select_related("neighbourhood")
            .with_implementation_status()
            .annotate(support_count=Count("supports", distinct=True))
            .order_by("budget_round_id", "pk")
        )
        municipality = municipality_from_query(self.request)
        if municipality:
            queryset = queryset.filter(budget_round__municipality=municipality)
        round_id = self.request.query_params.get("round")
        if round_id:
            if not round_id.isdigit():
                raise serializers.ValidationError({"round": ["Geef het nummer van de ronde op."]})
            queryset = queryset.filter(budget_round_id=int(round_id))
        return queryset


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY_PARAM]))
class BudgetResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Published results only; a count that is not yet published is not public."""

    serializer_class = BudgetResultSerializer

    def get_queryset(self):
        queryset = (
            Result.objects.exclude(published_at=None).prefetch_related("rows__plan").order_by("-published_at", "pk")
        )
        municipality = municipality_from_query(self.request)
        return queryset.filter(budget_round__municipality=municipality) if municipality else queryset
