"""Open data of experiments: question, indicators, comparison and evaluation.

Who set an experiment up or evaluated it is not served (staff names are on the decision
pages where a person takes responsibility); nothing of the linked initiative's team either.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import filter_params
from samenspel.municipalities.api import municipality_from_query

from .models import Experiment, Indicator
from .selectors import STATES, experiments_of

MUNICIPALITY = OpenApiParameter("municipality", str, required=True, description="Korte naam van de gemeente")


class ExperimentFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=STATES, required=False)


class IndicatorSerializer(serializers.ModelSerializer):
    target_met = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "baseline", "target", "measured", "comparison_value", "target_met"]


class ExperimentSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    state = serializers.CharField(read_only=True)
    rule = serializers.IntegerField(source="obstacle.rule_id", default=None, read_only=True, allow_null=True)
    initiative = serializers.SerializerMethodField()
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Experiment
        fields = [
            "id",
            "municipality",
            "title",
            "question",
            "hypothesis",
            "departs_from",
            "rule",
            "initiative",
            "comparison",
            "comparison_description",
            "start_date",
            "evaluation_date",
            "state",
            "indicators",
            "result",
            "learned",
            "verdict",
            "verdict_reasoning",
            "evaluated_at",
        ]

    def get_initiative(self, experiment) -> str | None:
        obstacle = experiment.obstacle
        if obstacle is None or obstacle.initiative.is_hidden:
            return None
        return obstacle.initiative.slug


@extend_schema_view(
    list=extend_schema(parameters=[MUNICIPALITY, ExperimentFilter]),
    retrieve=extend_schema(parameters=[MUNICIPALITY]),
)
class ExperimentViewSet(viewsets.ReadOnlyModelViewSet):
    """The municipality's experiments with their indicators and evaluation."""

    serializer_class = ExperimentSerializer
    queryset = Experiment.objects.none()  # for the schema only; get_queryset scopes by municipality

    def get_queryset(self):
        municipality = municipality_from_query(self.request, required=True)
        query = filter_params(self.request, ExperimentFilter)
        return experiments_of(municipality=municipality, state=query.get("state", ""))


# (prefix, viewset, basename) for the /api/v1/ router.
ROUTES: list = [("experiments", ExperimentViewSet, "experiment")]
