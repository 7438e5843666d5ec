"""Public, read-only API for rounds, plans and published results (no personal data)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import IdField, filter_params
from samenspel.municipalities.api import MunicipalityField

from . import selectors
from .models import BudgetRound, Plan, Result, ResultRow


class BudgetRoundSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # None for a round or plan of the whole municipality: nullable in the schema too.
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
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
    # None for a round or plan of the whole municipality: nullable in the schema too.
    neighbourhood = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
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


class BudgetFilterSerializer(serializers.Serializer):
    municipality = MunicipalityField(required=False, help_text="Korte naam van de gemeente, bijv. lindeveen")


class BudgetPlanFilterSerializer(BudgetFilterSerializer):
    round = IdField(
        required=False,
        help_text="Id van de begrotingsronde",
        error_messages={"invalid": _("Geef het nummer van de ronde op.")},
    )


@extend_schema_view(list=extend_schema(parameters=[BudgetFilterSerializer]))
class BudgetRoundViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetRoundSerializer

    def get_queryset(self):
        params = filter_params(self.request, BudgetFilterSerializer)
        return selectors.public_rounds(municipality=params.get("municipality"))


@extend_schema_view(list=extend_schema(parameters=[BudgetPlanFilterSerializer]))
class BudgetPlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BudgetPlanSerializer

    def get_queryset(self):
        params = filter_params(self.request, BudgetPlanFilterSerializer)
        return selectors.public_plans(municipality=params.get("municipality"), round_id=params.get("round"))


@extend_schema_view(list=extend_schema(parameters=[BudgetFilterSerializer]))
class BudgetResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Published results only; a count that is not yet published is not public."""

    serializer_class = BudgetResultSerializer

    def get_queryset(self):
        params = filter_params(self.request, BudgetFilterSerializer)
        return selectors.published_results(municipality=params.get("municipality"))
