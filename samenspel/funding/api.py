"""Open data of result funding: agreements with their results and tranches (public fields only).

Drafts are not public; who reported, the reports' stories, evidence files and the team's
people are never served here. ROUTES is registered in samenspel/api_urls.py.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from samenspel.core.api import filter_params
from samenspel.municipalities.api import MunicipalityField

from . import selectors
from .models import AgreedResult, FundingAgreement, Tranche


class ResultSerializer(serializers.ModelSerializer):
    measured = serializers.DecimalField(
        source="latest_measured", max_digits=12, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = AgreedResult
        fields = ["id", "description", "indicator", "target", "evidence_required", "measured"]


class TrancheSerializer(serializers.ModelSerializer):
    result = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Tranche
        fields = ["id", "position", "kind", "label", "amount", "result", "due_date", "state", "reason", "released_at"]


class FundingAgreementSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    initiative = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    plan = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    right_request = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    results = ResultSerializer(many=True, read_only=True)
    tranches = TrancheSerializer(many=True, read_only=True)

    class Meta:
        model = FundingAgreement
        fields = [
            "id", "municipality", "initiative", "plan", "right_request", "title", "purpose", "amount", "repay_unearned", "end_date",
            "state", "granted_at", "grant_reason", "released_total", "spent_amount", "settled_amount",
            "repayment_amount", "settled_at", "settlement_reason", "results", "tranches",
        ]  # fmt: skip


class FundingFilterSerializer(serializers.Serializer):
    municipality = MunicipalityField(required=False, help_text="Korte naam van de gemeente, bijv. lindeveen")


@extend_schema_view(list=extend_schema(parameters=[FundingFilterSerializer]))
class FundingAgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """Granted and settled agreements on results, newest first: amounts, results and tranches."""

    serializer_class = FundingAgreementSerializer
    queryset = FundingAgreement.objects.none()  # for the schema only

    def get_queryset(self):
        params = filter_params(self.request, FundingFilterSerializer)
        return selectors.public_agreements(municipality=params.get("municipality"))


# (prefix, viewset, basename) for the /api/v1/ router.
ROUTES: list = [("funding-agreements", FundingAgreementViewSet, "funding-agreement")]
