"""Public API of the marketplace: organisations and matches, public fields only.

Contact details (e-mail addresses of members, team or residents) never appear here;
they are shared only inside an introduction both sides accepted.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, viewsets

from samenspel.core.api import municipality_from_query
from samenspel.organisations.models import Organisation

from .models import Match
from .selectors import owner_label


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    neighbourhoods = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)
    open_offers = serializers.IntegerField(read_only=True)
    open_needs = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "kvk_number",
            "website",
            "municipality",
            "neighbourhoods",
            "open_offers",
            "open_needs",
        ]


_MUNICIPALITY = OpenApiParameter("municipality", str, description="Korte naam van de gemeente")


@extend_schema_view(
    list=extend_schema(parameters=[_MUNICIPALITY]),
    # A slug is unique within one municipality only, so fetching one needs both.
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Korte naam van de organisatie"),
            OpenApiParameter("municipality", str, required=True, description="Korte naam van de gemeente"),
        ]
    ),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()
    lookup_field = "slug"

    def get_queryset(self):
        from django.db.models import Count, Q

        organisations = (
            Organisation.objects.filter(municipality__is_active=True)
            .select_related("municipality")
            .prefetch_related("neighbourhoods")
            .annotate(
                open_offers=Count("offers", filter=Q(offers__status="open"), distinct=True),
                open_needs=Count("needs", filter=Q(needs__status="open"), distinct=True),
            )
            .order_by("municipality__slug", "name")
        )
        municipality = municipality_from_query(self.request, required=self.action == "retrieve")
        if municipality is not None:
            organisations = organisations.filter(municipality=municipality)
        return organisations


class _ListingRef(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    owner_type = serializers.CharField()
    owner_name = serializers.CharField()


def _ref(listing) -> dict:
    owner_type = "initiative" if listing.initiative_id else "organisation" if listing.organisation_id else "person"
    return {
        "id": listing.pk,
        "kind": listing.kind,
        "title": listing.title,
        "owner_type": owner_type,
        "owner_name": owner_label(listing),
    }


class MatchSerializer(serializers.ModelSerializer):
    need = serializers.SerializerMethodField()
    offer = serializers.SerializerMethodField()
    score = serializers.FloatField()

    class Meta:
        model = Match
        fields = ["need", "offer", "score", "rank_for_need", "rank_for_offer", "explanation", "parts"]

    @extend_schema_field(_ListingRef)
    def get_need(self, obj) -> dict:
        return _ref(obj.need)

    @extend_schema_field(_ListingRef)
    def get_offer(self, obj) -> dict:
        return _ref(obj.offer)


def _id_param(request, name):
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit():
        raise exceptions.ValidationError({name: ["Geef een geldig nummer op."]})
    return int(value)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("need", int, description="Nummer van de vraag: haar gerangschikte aanbod"),
            OpenApiParameter("offer", int, description="Nummer van het aanbod: de gerangschikte vragen"),
        ]
    )
)
class MatchViewSet(viewsets.GenericViewSet, viewsets.mixins.ListModelMixin):
    """Ranked matches of one need (`?need=`) or one offer (`?offer=`), with the Dutch explanation."""

    serializer_class = MatchSerializer
    queryset = Match.objects.none()

    def get_queryset(self):
        need, offer = _id_param(self.request, "need"), _id_param(self.request, "offer")
        if (need is None) == (offer is None):
            raise exceptions.ValidationError({"need": ["Geef precies een van need of offer op."]})
        matches = (
            Match.objects.select_related(
                "need__initiative",
                "need__organisation",
                "need__neighbourhood",
                "offer__initiative",
                "offer__organisation",
                "offer__neighbourhood",
            )
            .exclude(need__initiative__is_hidden=True)
            .exclude(offer__initiative__is_hidden=True)
        )
        if need is not None:
            return matches.filter(need_id=need, rank_for_need__isnull=False).order_by("rank_for_need")
        return matches.filter(offer_id=offer, rank_for_offer__isnull=False).order_by("rank_for_offer")
