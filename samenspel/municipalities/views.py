"""The municipality administrator's pages: who holds which role, and the audit trail."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.audit.selectors import audit_event_list
from samenspel.core.actions import ActionPage, ActionView

from . import selectors, services
from .forms import GrantRoleForm, RevokeRoleForm


def _municipality(request, *args, **kwargs):
    return request.municipality


def _roles_url(request) -> str:
    return reverse("municipalities:roles", kwargs={"municipality": request.municipality.slug})


class Roles(ActionPage):
    """The staff of the municipality with their roles, and granting a role."""

    permission_required = "municipalities.manage_roles"
    form_class = GrantRoleForm
    template_name = "municipalities/roles.html"
    success_message = _("De rol is toegekend.")

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "memberships": selectors.staff_memberships(municipality=self.request.municipality)}

    def perform(self, form):
        return services.membership_grant(
            municipality=self.object,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            granted_by=self.request.user,
        )

    def get_success_url(self, result) -> str:
        return _roles_url(self.request)


class RevokeRole(ActionView):
    permission_required = "municipalities.manage_roles"
    form_class = RevokeRoleForm
    success_message = _("De rol is ingetrokken.")

    def perform(self, form):
        membership = selectors.membership_in(municipality=self.object, pk=self.kwargs["pk"])
        return services.membership_revoke(
            membership=membership, revoked_by=self.request.user, reason=form.cleaned_data["reason"]
        )

    def get_success_url(self, result) -> str:
        return _roles_url(self.request)


@permission_required("municipalities.view_audit_trail", fn=_municipality, raise_exception=True)
def audit_trail(request):
    events = Paginator(audit_event_list(municipality=request.municipality), 50).get_page(request.GET.get("pagina"))
    return render(request, "municipalities/audit_trail.html", {"events": events})
