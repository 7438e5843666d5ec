"""Public API of the marketplace: needs, offers, organisations and matches, public fields only.

Contact details (e-mail addresses of members, team or residents) never appear here;
they are shared only inside an introduction both sides accepted.
"""

from django.utils.encoding import iri_to_uri
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, serializers, viewsets

from samenspel.core.api import IdField, filter_params
from samenspel.municipalities.api import MunicipalityField, municipality_from_query
from samenspel.organisations.models import Organisation

from . import selectors
from .models import Category, ListingStatus, Match, Need, Offer
from .selectors import owner_label


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    neighbourhoods = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)
    open_offers = serializers.IntegerField(read_only=True)
    open_needs = serializers.IntegerField(read_only=True)
    website = serializers.SerializerMethodField()

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

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_website(self, obj) -> str | None:
        """A URI as the schema promises: None when there is none (not ""), and an address typed
        with accents or other non-ASCII letters (which Django's URL check lets through) encoded."""
        return iri_to_uri(obj.website) if obj.website else None


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
        municipality = municipality_from_query(self.request, required=self.action == "retrieve")
        return selectors.organisations_with_open_listings(municipality=municipality)


class _ListingRef(serializers.Serializer):
    id = serializers.IntegerField()
    category = serializers.CharField()
    title = serializers.CharField()
    owner_type = serializers.CharField()
    owner_name = serializers.CharField()


def _ref(listing) -> dict:
    owner_type = "initiative" if listing.initiative_id else "organisation" if listing.organisation_id else "person"
    return {
        "id": listing.pk,
        "category": listing.category,
        "title": listing.title,
        "owner_type": owner_type,
        "owner_name": owner_label(listing),
    }


class MatchSerializer(serializers.ModelSerializer):
    need = serializers.SerializerMethodField()
    offer = serializers.SerializerMethodField()
    score = serializers.FloatField()
    explanation = serializers.CharField(read_only=True, help_text="Waarom dit past, in de taal van de lezer")

    class Meta:
        model = Match
        fields = ["need", "offer", "score", "rank_for_need", "rank_for_offer", "explanation", "parts"]

    @extend_schema_field(_ListingRef)
    def get_need(self, obj) -> dict:
        return _ref(obj.need)

    @extend_schema_field(_ListingRef)
    def get_offer(self, obj) -> dict:
        return _ref(obj.offer)


class MatchFilterSerializer(serializers.Serializer):
    need = IdField(required=False, help_text="Nummer van de vraag: haar gerangschikte aanbod")
    offer = IdField(required=False, help_text="Nummer van het aanbod: de gerangschikte vragen")

    def validate(self, data):
        if ("need" in data) == ("offer" in data):
            raise exceptions.ValidationError({"need": ["Geef precies een van need of offer op."]})
        return data


@extend_schema_view(list=extend_schema(parameters=[MatchFilterSerializer]))
class MatchViewSet(viewsets.GenericViewSet, viewsets.mixins.ListModelMixin):
    """Ranked matches of one need (`?need=`) or one offer (`?offer=`), with the explanation in the reader's language."""

    serializer_class = MatchSerializer
    queryset = Match.objects.none()

    def get_queryset(self):
        params = filter_params(self.request, MatchFilterSerializer)
        return selectors.matches_ranked(need_id=params.get("need"), offer_id=params.get("offer"))


# --- Needs and offers ------------------------------------------------------------------------


class ListingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    municipality = serializers.SlugField(source="municipality.slug")
    category = serializers.ChoiceField(choices=Category.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    amount_eur = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    availability = serializers.CharField()
    status = serializers.ChoiceField(choices=ListingStatus.choices)
    initiative = serializers.IntegerField(source="initiative_id", allow_null=True)
    organisation = serializers.SerializerMethodField()
    neighbourhood = serializers.SerializerMethodField()
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)
    created = serializers.DateTimeField()

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_organisation(self, obj):
        return obj.organisation.slug if obj.organisation_id else None

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_neighbourhood(self, obj):
        return obj.neighbourhood.slug if obj.neighbourhood_id else None


class ListingFilterSerializer(serializers.Serializer):
    municipality = MunicipalityField(required=False, help_text="Korte naam van de gemeente")
    initiative = IdField(required=False, help_text="Id van het initiatief")
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    status = serializers.ChoiceField(choices=ListingStatus.choices, required=False)


class _ListingViewSet(viewsets.ReadOnlyModelViewSet):
    model = Need
    serializer_class = ListingSerializer

    def get_queryset(self):
        params = filter_params(self.request, ListingFilterSerializer) if self.action == "list" else {}
        return selectors.listings_public(self.model, **params)


@extend_schema_view(list=extend_schema(parameters=[ListingFilterSerializer]))
class NeedViewSet(_ListingViewSet):
    model = Need


@extend_schema_view(list=extend_schema(parameters=[ListingFilterSerializer]))
class OfferViewSet(_ListingViewSet):
    model = Offer
