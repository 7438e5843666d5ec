from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import municipality_from_query

from .models import Municipality, Neighbourhood


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["slug", "name", "cbs_code", "tagline", "first_response_days", "center_lat", "center_lon"]


class NeighbourhoodSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Neighbourhood
        fields = ["cbs_code", "name", "slug", "kind", "municipality", "parent", "boundary"]


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Municipality.objects.filter(is_active=True)
    serializer_class = MunicipalitySerializer
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("municipality", str, description="Korte naam van de gemeente")])
)
class NeighbourhoodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NeighbourhoodSerializer
    lookup_field = "cbs_code"

    def get_queryset(self):
        areas = Neighbourhood.objects.filter(municipality__is_active=True).select_related("municipality", "parent")
        if self.action == "list":
            municipality = municipality_from_query(self.request)
            if municipality is not None:
                areas = areas.filter(municipality=municipality)
        return areas
