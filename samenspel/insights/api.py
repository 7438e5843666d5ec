"""Open data of the signals: the public dashboard's aggregate figures and the published reports.

The same tables as the public page, after the same privacy threshold: a figure about fewer
than 5 people is null here too (`privacy.THRESHOLD` is in every answer). Nothing personal.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from samenspel.core.api import filter_params
from samenspel.municipalities.api import municipality_from_query

from . import privacy, selectors
from .models import ParticipationReport
from .periods import MAX_DAYS, Period, default_period

MUNICIPALITY = OpenApiParameter("municipality", str, required=True, description="Korte naam van de gemeente")


class SignalsFilter(serializers.Serializer):
    """?van=2026-01-01&tot=2026-06-30&wijk=de-linde (besides municipality)."""

    municipality = serializers.SlugField(max_length=50)
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    wijk = serializers.SlugField(required=False, max_length=50)

    def validate(self, data):
        start, end = data.get("van"), data.get("tot")
        default_start, default_end = default_period()
        start, end = start or default_start, end or default_end
        if end < start:
            raise serializers.ValidationError({"tot": _("De einddatum ligt voor de begindatum.")})
        if (end - start).days > MAX_DAYS:
            raise serializers.ValidationError({"van": _("Kies een periode van hoogstens drie jaar.")})
        data["start"], data["end"] = start, end
        return data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            MUNICIPALITY,
            OpenApiParameter("van", OpenApiTypes.DATE, description="Eerste dag (standaard: een jaar terug)"),
            OpenApiParameter("tot", OpenApiTypes.DATE, description="Laatste dag (standaard: vandaag)"),
            OpenApiParameter("wijk", str, description="Korte naam van een wijk"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
)
class SignalViewSet(viewsets.ViewSet):
    """The aggregate figures of the public signals dashboard, as tables; null is fewer than 5 people."""

    def list(self, request):
        municipality = municipality_from_query(request, required=True)
        params = filter_params(request, SignalsFilter)
        area = None
        if params.get("wijk"):
            area = municipality.neighbourhoods.filter(slug=params["wijk"]).first()
            if area is None:
                raise serializers.ValidationError({"wijk": [_("Deze wijk bestaat niet in deze gemeente.")]})
        period = Period(params["start"], params["end"], area)
        sections = selectors.dashboard(municipality=municipality, period=period, public=True)
        return Response(
            {
                "municipality": municipality.slug,
                "from": period.start,
                "to": period.end,
                "neighbourhood": area.slug if area else None,
                "threshold": privacy.THRESHOLD,
                # The figures are kept for selectors.CACHE_SECONDS: this says how old they are.
                "computed_at": sections["computed_at"],
                "tables": [t.as_dict() for t in selectors.all_tables(sections)],
            }
        )


class ReportSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ParticipationReport
        fields = ["year", "municipality", "published_at", "data"]


@extend_schema_view(list=extend_schema(parameters=[MUNICIPALITY]), retrieve=extend_schema(parameters=[MUNICIPALITY]))
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Published participation reports (participatieverslagen), one per year, with their figures."""

    serializer_class = ReportSerializer
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"
    queryset = ParticipationReport.objects.none()  # for the schema only

    def get_queryset(self):
        municipality = municipality_from_query(self.request, required=True)
        return (
            ParticipationReport.objects.published()
            .filter(municipality=municipality)
            .select_related("municipality")
            .defer("pdf")
            .order_by("-year")
        )


# (prefix, viewset, basename) for the /api/v1/ router.
ROUTES: list = [
    ("signals", SignalViewSet, "signal"),
    ("participation-reports", ReportViewSet, "participation-report"),
]
