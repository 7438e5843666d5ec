import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.core.actions import ActionPage, ActionView, is_htmx
from samenspel.core.formats import csv_response, csv_separator
from samenspel.core.registry import initiative_panels
from samenspel.marketplace import selectors as marketplace_selectors
from samenspel.marketplace import services as marketplace_services
from samenspel.marketplace.forms import ListingForm, ListingStatusForm
from samenspel.marketplace.models import ListingType
from samenspel.municipalities.selectors import neighbourhood_map

from . import selectors, services
from .forms import (
    ImageForm,
    InitiativeForm,
    InitiativeStartForm,
    OverviewFilterForm,
    SupportForm,
    SwitchForm,
    TeamInviteForm,
    UpdateForm,
)
from .models import Support

PAGE_SIZE = 12
MAP_LIMIT = 2000


def _initiative(request, slug):
    initiative = selectors.initiative_visible_to(municipality=request.municipality, slug=slug, user=request.user)
    if initiative is None:
        raise Http404
    return initiative


def _boundaries(municipality) -> dict:
    return neighbourhood_map(municipality=municipality)


# --- Overview, map data, open data ----------------------------------------------------


def overview(request):
    municipality = request.municipality
    filters = selectors.InitiativeFilters.from_page(request.GET)
    initiatives = selectors.initiative_list(municipality=municipality, filters=filters, user=request.user)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "page": page,
        "initiatives": page.object_list,
        "form": OverviewFilterForm(request.GET or None, municipality=municipality),
        "filters": filters,
        "near_missing": filters.sort == "nearby" and selectors.reference_point(filters, request.user) is None,
        "geojson_url": reverse("initiatives:map", kwargs={"municipality": municipality.slug})
        + (f"?{query.urlencode()}" if query else ""),
        "boundaries": _boundaries(municipality),
        "may_start": request.user.has_perm("initiatives.create_initiative", municipality),
    }
    return render(request, "initiatives/overview.html", context)


def _feature(initiative) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(initiative.lon, 6), round(initiative.lat, 6)]},
        "properties": {
            "title": initiative.title,
            "pitch": initiative.pitch,
            "status": initiative.get_status_display(),
            "neighbourhood": initiative.neighbourhood.name if initiative.neighbourhood else "",
            "themes": [t.name for t in initiative.themes.all()],
            "supporters": initiative.support_count,
            "joiners": initiative.join_count,
            "url": initiative.get_absolute_url(),
        },
    }


def map_geojson(request):
    filters = selectors.InitiativeFilters.from_page(request.GET)
    initiatives = selectors.initiative_list(municipality=request.municipality, filters=filters, user=request.user)
    initiatives = initiatives.exclude(lat=None).exclude(lon=None).select_related("municipality")[:MAP_LIMIT]
    data = {"type": "FeatureCollection", "features": [_feature(i) for i in initiatives]}
    return JsonResponse(data, content_type="application/geo+json")


EXPORT_FIELDS = [
    "id",
    "titel",
    "in_een_zin",
    "status",
    "wijk",
    "themas",
    "adres",
    "breedtegraad",
    "lengtegraad",
    "aangemeld_op",
    "steunbetuigingen",
    "meedoeners",
    "open_vragen",
    "url",
]


def _export_row(request, initiative) -> dict:
    return {
        "id": initiative.pk,
        "titel": initiative.title,
        "in_een_zin": initiative.pitch,
        "status": initiative.status,
        "wijk": initiative.neighbourhood.name if initiative.neighbourhood else "",
        "themas": ";".join(t.slug for t in initiative.themes.all()),
        "adres": initiative.address,
        "breedtegraad": initiative.lat,
        "lengtegraad": initiative.lon,
        "aangemeld_op": initiative.submitted_at.isoformat(),
        "steunbetuigingen": initiative.support_count,
        "meedoeners": initiative.join_count,
        "open_vragen": initiative.open_needs,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
    }


def export_csv(request):
    """All public initiatives as CSV; `?scheiding=puntkomma` for Dutch Excel (core.formats)."""
    return csv_response(
        filename=f"initiatieven-{request.municipality.slug}.csv",
        fieldnames=EXPORT_FIELDS,
        rows=(
            _export_row(request, initiative)
            for initiative in selectors.initiatives_for_export(municipality=request.municipality)
        ),
        separator=csv_separator(request),
    )


def export_geojson(request):
    features = []
    for initiative in selectors.initiatives_for_export(municipality=request.municipality):
        geometry = None
        if initiative.lat is not None and initiative.lon is not None:
            geometry = {"type": "Point", "coordinates": [initiative.lon, initiative.lat]}
        properties = _export_row(request, initiative)
        properties.pop("breedtegraad")
        properties.pop("lengtegraad")
        features.append({"type": "Feature", "id": initiative.pk, "geometry": geometry, "properties": properties})
    response = HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = f'attachment; filename="initiatieven-{request.municipality.slug}.geojson"'
    return response


# --- The public page --------------------------------------------------------------------


def initiative_detail(request, slug):
    initiative = _initiative(request, slug)
    data = selectors.initiative_page_data(initiative=initiative, user=request.user)
    panels = []
    for panel in initiative_panels:
        context = panel.context(request, initiative)
        if context is not None:
            panels.append({"key": panel.key, "template": panel.template, "context": context})
    point = {"lat": initiative.lat, "lon": initiative.lon, "title": initiative.title} if initiative.lat else None
    boundary = initiative.neighbourhood.boundary if initiative.neighbourhood else None
    context = {
        "initiative": initiative,
        "panels": panels,
        "map_point": point,
        "map_boundary": boundary,
        "is_team": request.user.has_perm("initiatives.change_initiative", initiative),
        "may_update": request.user.has_perm("initiatives.post_update", initiative),
        "may_support": request.user.has_perm("initiatives.support", initiative),
        "may_follow": request.user.has_perm("initiatives.follow", initiative),
        **data,
    }
    return render(request, "initiatives/detail.html", context)


# --- Starting an initiative --------------------------------------------------------------


class InitiativeStart(ActionPage):
    permission_required = "initiatives.create_initiative"
    form_class = InitiativeStartForm
    template_name = "initiatives/form.html"
    success_message = gettext_lazy("Uw initiatief staat online. Vertel nu wat u nodig heeft en wat u te bieden heeft.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "boundaries": _boundaries(self.request.municipality), "heading": _("Start een initiatief")}

    def perform(self, form):
        return services.initiative_create(
            municipality=self.request.municipality,
            initiator=self.request.user,
            image=form.cleaned_data.get("image"),
            image_alt=form.cleaned_data.get("image_alt", ""),
            invite_emails=form.cleaned_data.get("invite_emails", []),
            **form.service_kwargs(),
        )

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


# --- The team's pages: each a form page that one permission guards ----------------------


class _TeamPage(ActionPage):
    """A page of an initiative's team; a refused visitor gets 403 (404 when hidden from them)."""

    login_required = False
    template_name = "initiatives/simple_form.html"
    heading = ""

    def get_object(self):
        return _initiative(self.request, self.kwargs["slug"])

    def get_context_data(self, **kwargs) -> dict:
        return {"initiative": self.object, "heading": self.heading, "multipart": False, "intro": "", **kwargs}

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()


class InitiativeEdit(_TeamPage):
    permission_required = "initiatives.change_initiative"
    form_class = InitiativeForm
    template_name = "initiatives/form.html"
    heading = gettext_lazy("Initiatief bewerken")
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get_initial(self) -> dict:
        return InitiativeForm.initial_for(self.object)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "boundaries": _boundaries(self.request.municipality)}

    def perform(self, form):
        return services.initiative_update(initiative=self.object, user=self.request.user, **form.service_kwargs())


class ImageAdd(_TeamPage):
    permission_required = "initiatives.change_initiative"
    form_class = ImageForm
    heading = gettext_lazy("Foto toevoegen")
    success_message = gettext_lazy("De foto is ontvangen en staat over een paar tellen op de pagina.")

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "multipart": True}

    def perform(self, form):
        return services.image_add(
            initiative=self.object,
            image=form.cleaned_data["image"],
            alt_text=form.cleaned_data.get("image_alt", ""),
            uploaded_by=self.request.user,
        )


class UpdatePost(_TeamPage):
    permission_required = "initiatives.post_update"
    form_class = UpdateForm
    heading = gettext_lazy("Nieuwsbericht plaatsen")
    success_message = gettext_lazy("Uw nieuwsbericht staat op de pagina. Volgers krijgen een melding.")

    def perform(self, form):
        return services.update_post(initiative=self.object, author=self.request.user, **form.cleaned_data)


class TeamInvite(_TeamPage):
    permission_required = "initiatives.manage_team"
    form_class = TeamInviteForm
    template_name = "initiatives/team.html"
    success_message = gettext_lazy("De uitnodiging is verstuurd.")

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "members": selectors.team_with_invitations(self.object)}

    def perform(self, form):
        return services.team_invite(initiative=self.object, invited_by=self.request.user, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return reverse(
            "initiatives:team", kwargs={"municipality": self.request.municipality.slug, "slug": self.object.slug}
        )


# --- The team's needs and offers: written by the marketplace ----------------------------

LISTING_HEADINGS = {
    ListingType.NEED: (gettext_lazy("Vraag toevoegen"), gettext_lazy("Vraag bewerken")),
    ListingType.OFFER: (gettext_lazy("Aanbod toevoegen"), gettext_lazy("Aanbod bewerken")),
}
LISTING_ANCHORS = {ListingType.NEED: "#vragen", ListingType.OFFER: "#aanbod"}


class _ListingPage(_TeamPage):
    permission_required = "initiatives.manage_listings"
    form_class = ListingForm
    success_message = gettext_lazy("Opgeslagen.")

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "listing_type": self.kwargs["listing_type"],
            "municipality": self.request.municipality,
            "for_initiative": True,
        }


class ListingPublish(_ListingPage):
    def get_context_data(self, **kwargs) -> dict:
        heading = LISTING_HEADINGS[self.kwargs["listing_type"]][0]
        return {**super().get_context_data(**kwargs), "heading": heading}

    def perform(self, form):
        return marketplace_services.listing_publish(
            listing_type=self.kwargs["listing_type"],
            municipality=self.object.municipality,
            user=self.request.user,
            initiative=self.object,
            **form.service_kwargs(),
        )

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url() + LISTING_ANCHORS[self.kwargs["listing_type"]]


def _team_listing(view):
    listing = marketplace_selectors.initiative_listing(
        initiative=view.object, listing_type=view.kwargs["listing_type"], pk=view.kwargs["pk"]
    )
    if listing is None:
        raise Http404
    return listing


class ListingEdit(_ListingPage):
    def get_initial(self) -> dict:
        return ListingForm.initial_for(self.listing)

    def check_permission(self) -> None:
        super().check_permission()
        self.listing = _team_listing(self)

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "heading": LISTING_HEADINGS[self.kwargs["listing_type"]][1],
            "listing": self.listing,
            "listing_type": self.kwargs["listing_type"],
            "status_form": ListingStatusForm(initial={"status": self.listing.status}),
        }

    def perform(self, form):
        return marketplace_services.listing_edit(listing=self.listing, user=self.request.user, **form.service_kwargs())


class ListingStatusSet(ActionView):
    permission_required = "initiatives.manage_listings"
    form_class = ListingStatusForm

    def get_object(self):
        return _initiative(self.request, self.kwargs["slug"])

    def perform(self, form):
        listing = _team_listing(self)
        return marketplace_services.listing_status_set(
            listing=listing, user=self.request.user, status=form.cleaned_data["status"]
        )

    def success(self, result):
        self.success_message = _("De status is nu: %(status)s.") % {"status": result.get_status_display()}
        return super().success(result)

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()


# --- Support and following: buttons, answered with the box again under htmx -------------


class _SupportBoxAction(LoginRequiredMixin, ActionView):
    def get_object(self):
        return _initiative(self.request, self.kwargs["slug"])

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()

    def success(self, result):
        if not is_htmx(self.request):
            return super().success(result)
        user = self.request.user
        initiative = _initiative(self.request, self.kwargs["slug"])
        data = selectors.initiative_page_data(initiative=initiative, user=user)
        return render(
            self.request,
            "initiatives/_support_answer.html",
            {
                "announcement": self.success_message,
                "initiative": initiative,
                "may_support": user.has_perm("initiatives.support", initiative),
                "may_follow": user.has_perm("initiatives.follow", initiative),
                **data,
            },
        )


class SupportToggle(_SupportBoxAction):
    permission_required = "initiatives.support"
    form_class = SupportForm

    def perform(self, form):
        kind = form.cleaned_data["soort"]
        on = services.support_toggle(
            initiative=self.object, user=self.request.user, kind=kind, on=form.cleaned_data["aan"]
        )
        label = Support.Kind(kind).label
        self.success_message = _("Gelukt: %(label)s.") % {"label": label} if on else _("U heeft dit ingetrokken.")
        return on

    def form_invalid(self, form):
        return HttpResponse(_("Onbekende soort steun."), status=400)


class FollowToggle(_SupportBoxAction):
    permission_required = "initiatives.follow"
    form_class = SwitchForm

    def perform(self, form):
        on = services.follow_toggle(initiative=self.object, user=self.request.user, on=form.cleaned_data["aan"])
        self.success_message = _("U volgt dit initiatief nu.") if on else _("U volgt dit initiatief niet meer.")
        return on


# --- Joining a team by invitation ---------------------------------------------------------


class InvitationAccept(ActionPage):
    permission_required = "initiatives.accept_invitation"
    template_name = "initiatives/accept.html"

    def get_object(self):
        member = selectors.open_invitation(municipality=self.request.municipality, token=self.kwargs["token"])
        if member is None:
            raise Http404
        return member

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "member": self.object, "initiative": self.object.initiative}

    def perform(self, form):
        return services.team_accept(token=self.kwargs["token"], user=self.request.user)

    def success(self, result):
        self.success_message = _("Welkom in het team van %(title)s.") % {"title": self.object.initiative.title}
        return super().success(result)

    def get_success_url(self, result) -> str:
        return self.object.initiative.get_absolute_url()

    def form_invalid(self, form):
        # A refused acceptance (already in the team) is told as a message on the initiative's page.
        return ActionView.form_invalid(self, form)
