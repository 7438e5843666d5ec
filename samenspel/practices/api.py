"""Open data of the what-works library: published practices of every municipality, and adoptions.

No person is named: who published or adopted stays in the audit trail; the contact is a role.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import IdField, filter_params

from .models import Adoption, EvidenceLevel, MunicipalitySize, Practice, TargetGroup, Theme
from .selectors import adoptions_public, library


class PracticeFilter(serializers.Serializer):
    q = serializers.CharField(required=False, max_length=200)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    evidence_level = serializers.ChoiceField(choices=EvidenceLevel.choices, required=False)
    municipality = serializers.SlugField(required=False, max_length=50)
    size = serializers.ChoiceField(choices=MunicipalitySize.choices, required=False)


class AdoptionFilter(serializers.Serializer):
    practice = IdField(required=False)


class PracticeSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source_experiment = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    # Only a finished agreement (final report in, or settled) can be a source; its public fields are at /funding/.
    source_agreement = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    adoptions = serializers.IntegerField(source="adoption_count", read_only=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "municipality",
            "title",
            "summary",
            "theme",
            "target_group",
            "goal",
            "approach",
            "active_elements",
            "preconditions",
            "implementing_organisations",
            "research",
            "obstacles_solved",
            "costs",
            "funding_form",
            "results",
            "evidence_level",
            "transferability",
            "contact_role",
            "municipality_size",
            "source_experiment",
            "source_agreement",
            "adoptions",
            "published_at",
        ]


class AdoptionSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    initiative = serializers.SerializerMethodField()
    experiment = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Adoption
        fields = ["id", "practice", "municipality", "initiative", "experiment", "note", "results", "adopted_at"]

    def get_initiative(self, adoption) -> str | None:
        initiative = adoption.initiative
        return None if initiative is None or initiative.is_hidden else initiative.slug


@extend_schema_view(list=extend_schema(parameters=[PracticeFilter]))
class PracticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published practices of every municipality on the platform (the library is shared by design)."""

    serializer_class = PracticeSerializer
    queryset = Practice.objects.none()  # for the schema only

    def get_queryset(self):
        query = filter_params(self.request, PracticeFilter) if self.action == "list" else {}
        return library(**query)


@extend_schema_view(list=extend_schema(parameters=[AdoptionFilter]))
class AdoptionViewSet(viewsets.ReadOnlyModelViewSet):
    """Where published practices were taken up, and the initiative each adoption started."""

    serializer_class = AdoptionSerializer
    queryset = Adoption.objects.none()  # for the schema only

    def get_queryset(self):
        query = filter_params(self.request, AdoptionFilter) if self.action == "list" else {}
        qs = adoptions_public().order_by("-adopted_at", "-pk")
        return qs.filter(practice_id=query["practice"]) if query.get("practice") else qs


# (prefix, viewset, basename) for the /api/v1/ router.
ROUTES: list = [("practices", PracticeViewSet, "practice"), ("adoptions", AdoptionViewSet, "adoption")]
