from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import municipality_from_query

from .models import Municipality, Neighbourhood
from .selectors import municipality_list, neighbourhoods_open_data


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
    queryset = municipality_list()
    serializer_class = MunicipalitySerializer
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("municipality", str, description="Korte naam van de gemeente")])
)
class NeighbourhoodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NeighbourhoodSerializer
    lookup_field = "cbs_code"

    def get_queryset(self):
        municipality = municipality_from_query(self.request) if self.action == "list" else None
        return neighbourhoods_open_data(municipality=municipality)
