"""Pages of the partner organisations: the list, one organisation, registering one, joining one."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionPage, ActionView

from . import selectors, services
from .forms import MembershipDecisionForm, OrganisationForm


def organisation_index(request):
    return render(
        request,
        "organisations/list.html",
        {
            "organisations": selectors.organisation_list(municipality=request.municipality),
            "may_create": request.user.has_perm("organisations.create_organisation", request.municipality),
        },
    )


def organisation_detail(request, slug):
    organisation = selectors.organisation_in(municipality=request.municipality, slug=slug)
    context = {"organisation": organisation}
    if request.user.has_perm("organisations.approve_member", organisation):
        context["pending"] = selectors.pending_requests(organisation=organisation)
    if request.user.has_perm("organisations.view_members", organisation):
        context["members"] = selectors.approved_members(organisation=organisation)
    return render(request, "organisations/detail.html", context)


class OrganisationCreate(ActionPage):
    """The registration form and registering, for residents of this municipality."""

    permission_required = "organisations.create_organisation"
    form_class = OrganisationForm
    template_name = "organisations/form.html"
    success_message = _("De organisatie is aangemaakt. U bent de beheerder.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def perform(self, form):
        return services.organisation_create(
            municipality=self.request.municipality, created_by=self.request.user, **form.cleaned_data
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class _OrganisationAction(ActionView):
    def get_object(self):
        return selectors.organisation_in(municipality=self.request.municipality, slug=self.kwargs["slug"])

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()


class OrganisationJoin(_OrganisationAction):
    permission_required = "organisations.request_membership"
    success_message = _("Uw aanvraag is verstuurd. De beheerder van de organisatie beslist erover.")

    def perform(self, form):
        return services.membership_request(organisation=self.object, user=self.request.user)


class OrganisationDecide(_OrganisationAction):
    permission_required = "organisations.approve_member"
    form_class = MembershipDecisionForm
    success_message = _("Uw besluit is vastgelegd.")

    def perform(self, form):
        membership = selectors.pending_request(organisation=self.object, pk=self.kwargs["pk"])
        return services.membership_decide(membership=membership, approve=form.approve, decided_by=self.request.user)


def organisation_eherkenning(request, slug):
    """Prove with eHerkenning to act for the organisation: to the broker and back, then compare.

    The write happens on the way back from the broker (a GET, as every OIDC return is): the
    result in the session exists only after a log-in this person started, and is used once.
    """
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import ValidationError
    from django.http import HttpResponseRedirect
    from django.shortcuts import get_object_or_404
    from django.urls import reverse
    from django.utils.http import urlencode

    from samenspel.accounts.identity_views import eherkenning_result

    from .models import Organisation
    from .services import membership_confirm_eherkenning

    organisation = get_object_or_404(Organisation, municipality=request.municipality, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    result = eherkenning_result(request)
    if result is None:
        return HttpResponseRedirect(f"{reverse('eherkenning_start')}?{urlencode({'next': request.path})}")
    try:
        membership_confirm_eherkenning(organisation=organisation, user=request.user, kvk_number=result["kvk"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("U bent met eHerkenning bevestigd als medewerker van %(name)s.") % {"name": organisation.name}
        )
    return HttpResponseRedirect(organisation.get_absolute_url())
