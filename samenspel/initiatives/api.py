"""The initiatives part of the public API: initiatives and themes (needs and offers: marketplace.api).

Only public data leaves here: no hidden initiatives (except to their team and staff),
never a team member's e-mail address, never anything from the coaching desk.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.response import Response

from samenspel.core.api import filter_params
from samenspel.marketplace.models import Category
from samenspel.municipalities.api import MunicipalityField, municipality_from_query
from samenspel.municipalities.models import Neighbourhood, Theme

from . import selectors, services
from .models import Initiative, Status


class TeamMemberSerializer(serializers.Serializer):
    display_name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()


class InitiativeSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugField(source="municipality.slug", read_only=True)
    themes = serializers.SerializerMethodField()
    neighbourhood = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    support_count = serializers.IntegerField(read_only=True)
    join_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "municipality",
            "slug",
            "url",
            "title",
            "pitch",
            "story",
            "status",
            "themes",
            "neighbourhood",
            "address",
            "lat",
            "lon",
            "submitted_at",
            "support_count",
            "join_count",
            "team",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_themes(self, obj):
        return [t.slug for t in obj.themes.all()]

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_neighbourhood(self, obj):
        return obj.neighbourhood.slug if obj.neighbourhood else None

    @extend_schema_field(TeamMemberSerializer(many=True))
    def get_team(self, obj):
        # Names and roles only: the e-mail address is the team's private business.
        return TeamMemberSerializer(selectors.team_public(obj), many=True).data

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj):
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class InitiativeWriteSerializer(serializers.Serializer):
    municipality = MunicipalityField(required=False, help_text=_("Korte naam van de gemeente (alleen bij aanmaken)."))
    title = serializers.CharField(max_length=120)
    pitch = serializers.CharField(max_length=200)
    story = serializers.CharField(max_length=10000)
    themes = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    neighbourhood = serializers.SlugField(required=False, allow_null=True, allow_blank=True, default=None)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    lat = serializers.FloatField(required=False, allow_null=True, default=None, min_value=-90, max_value=90)
    lon = serializers.FloatField(required=False, allow_null=True, default=None, min_value=-180, max_value=180)

    def resolve(self, municipality) -> dict:
        data = dict(self.validated_data)
        data.pop("municipality", None)
        slugs = data.pop("themes", [])
        themes = list(Theme.objects.filter(municipality=municipality, slug__in=slugs))
        unknown = sorted(set(slugs) - {t.slug for t in themes})
        if unknown:
            raise serializers.ValidationError(
                {"themes": [_("Onbekend thema: %(slug)s.") % {"slug": ", ".join(unknown)}]}
            )
        neighbourhood = None
        if data.get("neighbourhood"):
            neighbourhood = Neighbourhood.objects.filter(municipality=municipality, slug=data["neighbourhood"]).first()
            if neighbourhood is None:
                raise serializers.ValidationError({"neighbourhood": [_("Onbekende wijk in deze gemeente.")]})
        data["neighbourhood"] = neighbourhood
        data["themes"] = themes
        return data


class InitiativeFilterSerializer(serializers.Serializer):
    """The list's query parameters, checked once and handed to `selectors.initiative_list`."""

    municipality = MunicipalityField(required=False, help_text="Korte naam van de gemeente")
    theme = serializers.SlugField(required=False, default="", help_text="Korte naam van een thema")
    neighbourhood = serializers.SlugField(required=False, default="", help_text="Korte naam van een wijk")
    status = serializers.ChoiceField(choices=Status.choices, required=False, default="")
    need_category = serializers.ChoiceField(
        choices=Category.choices,
        required=False,
        default="",
        help_text="Alleen initiatieven met een open vraag van deze soort",
    )
    q = serializers.CharField(
        required=False, default="", max_length=200, help_text="Zoeken in titel, korte omschrijving en verhaal"
    )
    sort = serializers.ChoiceField(choices=selectors.SORTS, required=False, default="newest")
    lat = serializers.FloatField(required=False, default=None, min_value=-90, max_value=90)
    lon = serializers.FloatField(required=False, default=None, min_value=-180, max_value=180)


@extend_schema_view(
    list=extend_schema(parameters=[InitiativeFilterSerializer]),
    create=extend_schema(request=InitiativeWriteSerializer, responses={201: InitiativeSerializer}),
    update=extend_schema(request=InitiativeWriteSerializer, responses={200: InitiativeSerializer}),
    partial_update=extend_schema(request=InitiativeWriteSerializer, responses={200: InitiativeSerializer}),
)
class InitiativeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = InitiativeSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if self.action == "list":
            params = dict(filter_params(self.request, InitiativeFilterSerializer))
            municipality = params.pop("municipality", None)
            filters = selectors.InitiativeFilters(**params)
            initiatives = selectors.initiative_list(municipality=municipality, filters=filters)
        else:
            initiatives = selectors.with_counts(Initiative.objects.filter(municipality__is_active=True))
        return initiatives.select_related("municipality", "neighbourhood").prefetch_related(
            "themes", selectors.prefetch_public_team()
        )

    def get_object(self):
        initiative = super().get_object()
        if initiative.is_hidden and not self.request.user.has_perm("initiatives.view_initiative", initiative):
            raise Http404
        return initiative

    def _respond(self, initiative, status_code):
        initiative = self.get_queryset().get(pk=initiative.pk)
        return Response(self.get_serializer(initiative).data, status=status_code)

    def create(self, request, *args, **kwargs):
        payload = InitiativeWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        municipality = payload.validated_data.get("municipality")
        if municipality is None:
            raise serializers.ValidationError({"municipality": [_("Geef de gemeente op (korte naam).")]})
        if not request.user.has_perm("initiatives.create_initiative", municipality):
            raise PermissionDenied
        initiative = services.initiative_create(
            municipality=municipality, initiator=request.user, **payload.resolve(municipality)
        )
        return self._respond(initiative, 201)

    def update(self, request, *args, **kwargs):
        initiative = self.get_object()
        if not request.user.has_perm("initiatives.change_initiative", initiative):
            raise PermissionDenied
        partial = kwargs.get("partial", False)
        current = {
            "title": initiative.title,
            "pitch": initiative.pitch,
            "story": initiative.story,
            "themes": [t.slug for t in initiative.themes.all()],
            "neighbourhood": initiative.neighbourhood.slug if initiative.neighbourhood else None,
            "address": initiative.address,
            "lat": initiative.lat,
            "lon": initiative.lon,
        }
        data = {**current, **request.data} if partial else request.data
        payload = InitiativeWriteSerializer(data=data)
        payload.is_valid(raise_exception=True)
        services.initiative_update(initiative=initiative, user=request.user, **payload.resolve(initiative.municipality))
        return self._respond(initiative, 200)


class ThemeSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugField(source="municipality.slug")

    class Meta:
        model = Theme
        fields = ["id", "municipality", "slug", "name"]


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("municipality", str, description="Korte naam van de gemeente")])
)
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer

    def get_queryset(self):
        themes = Theme.objects.filter(municipality__is_active=True).select_related("municipality")
        if self.action == "list":
            municipality = municipality_from_query(self.request)
            if municipality is not None:
                themes = themes.filter(municipality=municipality)
        return themes.order_by("municipality__name", "order", "name")
