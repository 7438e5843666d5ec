from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, viewsets

from samenspel.core.api import filter_params

from .models import Municipality, Neighbourhood
from .selectors import active_municipality, municipality_list, neighbourhoods_open_data


class MunicipalityField(serializers.SlugField):
    """A live municipality by its slug, in a filter or a request body; unknown ones are a Dutch 400."""

    def run_validation(self, data=serializers.empty):
        # Checked as a slug first (its validators), then looked up.
        slug = super().run_validation(data)
        municipality = active_municipality(slug=slug)
        if municipality is None:
            raise exceptions.ValidationError(_("Onbekende gemeente: %(slug)s.") % {"slug": slug})
        return municipality

    def to_representation(self, value):
        return value.slug


class MunicipalityQuery(serializers.Serializer):
    municipality = MunicipalityField(required=False, help_text="Korte naam van de gemeente")


class RequiredMunicipalityQuery(serializers.Serializer):
    municipality = MunicipalityField(
        help_text="Korte naam van de gemeente",
        error_messages={"required": gettext_lazy("Geef de gemeente op (korte naam).")},
    )


def municipality_from_query(request, *, required: bool = False):
    """The `municipality` query parameter (a slug) as a Municipality, or None when optional and absent."""
    query = RequiredMunicipalityQuery if required else MunicipalityQuery
    return filter_params(request, query).get("municipality")


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["slug", "name", "cbs_code", "tagline", "first_response_days", "center_lat", "center_lon"]


class NeighbourhoodSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # None for a wijk (only a buurt has a parent): nullable in the schema too.
    parent = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True, allow_null=True)

    class Meta:
        model = Neighbourhood
        fields = ["cbs_code", "name", "slug", "kind", "municipality", "parent", "population", "boundary"]


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
