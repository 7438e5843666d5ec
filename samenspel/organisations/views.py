from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from .forms import OrganisationForm
from .models import Organisation, OrganisationMembership
from .selectors import organisation_list, pending_requests
from .services import membership_decide, membership_request, organisation_create


def _organisation(request, slug, **_kwargs):
    return get_object_or_404(Organisation, municipality=request.municipality, slug=slug)


def organisation_index(request):
    return render(
        request, "organisations/list.html", {"organisations": organisation_list(municipality=request.municipality)}
    )


def organisation_detail(request, slug):
    organisation = _organisation(request, slug)
    context = {"organisation": organisation}
    if request.user.has_perm("organisations.approve_member", organisation):
        context["pending"] = pending_requests(organisation=organisation)
    if request.user.has_perm("organisations.view_members", organisation):
        context["members"] = organisation.memberships.filter(
            status=OrganisationMembership.Status.APPROVED
        ).select_related("user")
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_new(request):
    form = OrganisationForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisation_create(
                municipality=request.municipality, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De organisatie is aangemaakt. U bent de beheerder."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form})


@require_POST
@login_required
def organisation_join(request, slug):
    organisation = _organisation(request, slug)
    if not request.user.has_perm("organisations.request_membership", organisation):
        messages.info(request, _("U bent al lid van deze organisatie."))
    else:
        membership_request(organisation=organisation, user=request.user)
        messages.success(request, _("Uw aanvraag is verstuurd. De beheerder van de organisatie beslist erover."))
    return redirect(organisation)


@require_POST
@permission_required("organisations.approve_member", fn=_organisation, raise_exception=True)
def organisation_decide(request, slug, pk):
    organisation = _organisation(request, slug)
    membership = get_object_or_404(OrganisationMembership, pk=pk, organisation=organisation)
    try:
        membership_decide(
            membership=membership, approve=request.POST.get("besluit") == "goedkeuren", decided_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw besluit is vastgelegd."))
    return redirect(organisation)
