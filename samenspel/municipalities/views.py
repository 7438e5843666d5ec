from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from .forms import GrantRoleForm
from .models import Membership
from .selectors import staff_memberships
from .services import membership_grant, membership_revoke


def _municipality(request, *args, **kwargs):
    return request.municipality


@permission_required("municipalities.manage_roles", fn=_municipality, raise_exception=True)
def roles(request):
    form = GrantRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership_grant(
            municipality=request.municipality,
            user=form.cleaned_data["user"],
            role=form.cleaned_data["role"],
            granted_by=request.user,
        )
        messages.success(request, _("De rol is toegekend."))
        return redirect("municipalities:roles", municipality=request.municipality.slug)
    return render(
        request,
        "municipalities/roles.html",
        {"form": form, "memberships": staff_memberships(municipality=request.municipality)},
    )


@require_POST
@permission_required("municipalities.manage_roles", fn=_municipality, raise_exception=True)
def revoke_role(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, municipality=request.municipality)
    try:
        membership_revoke(membership=membership, revoked_by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De rol is ingetrokken."))
    return redirect("municipalities:roles", municipality=request.municipality.slug)


@permission_required("municipalities.view_audit_trail", fn=_municipality, raise_exception=True)
def audit_trail(request):
    from django.core.paginator import Paginator

    from samenspel.audit.selectors import audit_event_list

    events = Paginator(audit_event_list(municipality=request.municipality), 50).get_page(request.GET.get("pagina"))
    return render(request, "municipalities/audit_trail.html", {"events": events})
