"""Public API: vision processes, statements, votes (no account needed) and the opinion map."""

import uuid
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from samenspel.core.api import IdField
from samenspel.core.client import client_key
from samenspel.municipalities.api import municipality_from_query

from . import selectors, services
from .cookies import participant_key, remember_key
from .models import Statement, VisionProcess
from .rules import is_resident_of_process


class VisionProcessSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase = serializers.CharField(read_only=True)

    class Meta:
        model = VisionProcess
        fields = [
            "id",
            "municipality",
            "title",
            "slug",
            "question",
            "moderation",
            "phase",
            "gather_start",
            "gather_end",
            "draft_end",
        ]


class StatementSerializer(serializers.ModelSerializer):
    process = serializers.PrimaryKeyRelatedField(queryset=VisionProcess.objects.all(), pk_field=IdField())
    # The 140-character rule is the service's, so its Dutch message is the one returned.
    text = serializers.CharField(max_length=1000, allow_blank=True, trim_whitespace=False)

    class Meta:
        model = Statement
        fields = ["id", "process", "text", "status", "created"]
        read_only_fields = ["status", "created"]


class VoteSerializer(serializers.Serializer):
    statement = IdField()
    value = serializers.ChoiceField(
        choices=[1, -1, 0], error_messages={"invalid_choice": _("Kies 1 (eens), -1 (oneens) of 0 (sla over).")}
    )


class ProcessQuery(serializers.Serializer):
    """The `process` query parameter, validated once for every endpoint that needs it."""

    _message = _("Geef het traject op (process=<id>).")
    process = IdField(error_messages={"required": _message, "invalid": _message})


def _process_param(request) -> VisionProcess:
    query = ProcessQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    process = selectors.process_by_id(pk=query.validated_data["process"])
    if process is None:
        raise exceptions.NotFound(_("Onbekend traject."))
    return process


@contextmanager
def _limits_as_429():
    """A service's rate limit is a 429 problem with its Dutch sentence, not a 400."""
    try:
        yield
    except DjangoValidationError as error:
        if any(e.code == "rate_limited" for e in getattr(error, "error_list", [])):
            raise exceptions.Throttled(detail=" ".join(error.messages)) from error
        raise


class VisionProcessViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VisionProcessSerializer

    def get_queryset(self):
        return selectors.process_list(municipality=municipality_from_query(self.request))

    @extend_schema(parameters=[OpenApiParameter("municipality", str, description="korte naam van de gemeente")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class StatementViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Visible statements of a process; residents (logged in) submit new ones with POST."""

    serializer_class = StatementSerializer

    def get_queryset(self):
        process = _process_param(self.request) if self.action == "list" else None
        return selectors.published_statements(process=process)

    @extend_schema(parameters=[OpenApiParameter("process", int, required=True, description="id van het traject")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        process = serializer.validated_data["process"]
        if not is_resident_of_process(self.request.user, process):
            raise exceptions.PermissionDenied(_("Alleen inwoners van deze gemeente kunnen stellingen indienen."))
        with _limits_as_429():
            statement = services.statement_submit(
                process=process,
                text=serializer.validated_data["text"],
                author=self.request.user,
                client=client_key(self.request),
            )
        serializer.instance = statement


class VoteViewSet(viewsets.GenericViewSet):
    """Cast or change a vote. No account needed: anonymous voters are known by a signed cookie."""

    serializer_class = VoteSerializer
    permission_classes = [permissions.AllowAny]
    queryset = Statement.objects.none()

    @extend_schema(
        request=VoteSerializer,
        responses={
            201: inline_serializer(
                "VoteResult", {"statement": serializers.IntegerField(), "value": serializers.IntegerField()}
            )
        },
    )
    def create(self, request):
        serializer = VoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        statement = selectors.statement_by_id(pk=serializer.validated_data["statement"])
        if statement is None:
            raise exceptions.ValidationError({"statement": [_("Onbekende stelling.")]})
        new_key = None
        if request.user.is_authenticated:
            voter = {"user": request.user}
        else:
            key = participant_key(request)
            if key is None:
                key = new_key = uuid.uuid4()
            voter = {"key": key, "client": client_key(request)}
        # The participant is created inside the vote's transaction: a refused vote leaves none.
        with _limits_as_429():
            vote = services.vote_cast_by_visitor(statement=statement, value=serializer.validated_data["value"], **voter)
        response = Response({"statement": statement.pk, "value": vote.value}, status=status.HTTP_201_CREATED)
        if new_key is not None:
            remember_key(response, new_key)
        return response


class OpinionMapViewSet(viewsets.GenericViewSet):
    """The latest stored opinion map of a process (OpinionMapResult.to_dict())."""

    permission_classes = [permissions.AllowAny]
    queryset = VisionProcess.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("process", int, required=True, description="id van het traject")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request):
        process = _process_param(request)
        snapshot = selectors.latest_snapshot(process=process)
        if snapshot is None:
            raise exceptions.NotFound(_("Voor dit traject is nog geen opiniekaart berekend."))
        return Response(
            {
                "process": process.pk,
                "computed_at": snapshot.computed_at,
                "n_participants": snapshot.n_participants,
                "n_votes": snapshot.n_votes,
                "map": snapshot.data,
            }
        )
