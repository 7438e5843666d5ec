"""The municipality administrator's pages: who holds which role, and the audit trail."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import permission_required

from samenspel.audit.selectors import audit_event_list
from samenspel.core.actions import ActionView

from . import selectors, services
from .forms import GrantRoleForm, RevokeRoleForm


def _municipality(request, *args, **kwargs):
    return request.municipality


def _roles_url(request) -> str:
    return reverse("municipalities:roles", kwargs={"municipality": request.municipality.slug})


class Roles(ActionView):
    """The staff of the municipality with their roles (GET), and granting a role (POST)."""

    http_method_names = ["get", "post"]
    permission_required = "municipalities.manage_roles"
    form_class = GrantRoleForm
    success_message = _("De rol is toegekend.")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission()
        return self.render(GrantRoleForm())

    def render(self, form, status: int = 200):
        memberships = selectors.staff_memberships(municipality=self.request.municipality)
        return render(
            self.request, "municipalities/roles.html", {"form": form, "memberships": memberships}, status=status
        )

    def perform(self, form):
        return services.membership_grant(
            municipality=self.object,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            granted_by=self.request.user,
        )

    def get_success_url(self, result) -> str:
        return _roles_url(self.request)

    def form_invalid(self, form):
        return self.render(form, status=400)


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
