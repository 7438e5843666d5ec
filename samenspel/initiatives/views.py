import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel.core.registry import initiative_panels
from samenspel.marketplace.models import Need, Offer
from samenspel.municipalities.selectors import neighbourhood_list

from . import selectors, services
from .forms import (
    ImageForm,
    InitiativeForm,
    InitiativeStartForm,
    ListingForm,
    ListingStatusForm,
    OverviewFilterForm,
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


def _team_initiative(request, slug, perm="initiatives.change_initiative"):
    initiative = _initiative(request, slug)
    if not request.user.has_perm(perm, initiative):
        raise PermissionDenied
    return initiative


def _posted(request, files=True) -> tuple:
    """Form data for a POST, even an empty one (a bare `request.POST or None` leaves it unbound)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _boundaries(municipality) -> dict:
    features = [
        {"type": "Feature", "geometry": n.boundary, "properties": {"name": n.name, "slug": n.slug}}
        for n in neighbourhood_list(municipality=municipality).exclude(boundary=None)
    ]
    return {"type": "FeatureCollection", "features": features}


# --- Overview, map data, open data ----------------------------------------------------


def overview(request):
    municipality = request.municipality
    filters = selectors.InitiativeFilters.from_params(request.GET)
    initiatives = selectors.initiative_list(municipality=municipality, filters=filters, user=request.user)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "page": page,
        "initiatives": page.object_list,
        "form": OverviewFilterForm(request.GET or None, municipality=municipality),
        "filters": filters,
        "near_missing": filters.sort == "dichtbij" and selectors.reference_point(filters, request.user) is None,
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
    filters = selectors.InitiativeFilters.from_params(request.GET)
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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="initiatieven-{request.municipality.slug}.csv"'
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for initiative in selectors.initiatives_for_export(municipality=request.municipality):
        row = _export_row(request, initiative)
        # Spreadsheet programs execute cells starting with these characters as formulas.
        writer.writerow({k: f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for k, v in row.items()})
    return response


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


# --- Starting and editing -------------------------------------------------------------


@login_required
def initiative_new(request):
    municipality = request.municipality
    if not request.user.has_perm("initiatives.create_initiative", municipality):
        raise PermissionDenied
    form = InitiativeStartForm(*_posted(request), municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                municipality=municipality,
                initiator=request.user,
                image=form.cleaned_data.get("image"),
                image_alt=form.cleaned_data.get("image_alt", ""),
                invite_emails=form.cleaned_data.get("invite_emails", []),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Uw initiatief staat online. Vertel nu wat u nodig heeft en wat u te bieden heeft.")
            )
            return redirect(initiative)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "boundaries": _boundaries(municipality), "heading": _("Start een initiatief")},
    )


def initiative_edit(request, slug):
    initiative = _team_initiative(request, slug)
    form = InitiativeForm(
        *_posted(request, files=False),
        initial=InitiativeForm.initial_for(initiative),
        municipality=request.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(initiative=initiative, user=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(initiative)
    return render(
        request,
        "initiatives/form.html",
        {
            "form": form,
            "initiative": initiative,
            "boundaries": _boundaries(request.municipality),
            "heading": _("Initiatief bewerken"),
        },
    )


def image_new(request, slug):
    initiative = _team_initiative(request, slug)
    form = ImageForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.image_add(
                initiative=initiative,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data.get("image_alt", ""),
                uploaded_by=request.user,
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("De foto is toegevoegd."))
            return redirect(initiative)
    return render(
        request, "initiatives/simple_form.html", _simple(initiative, form, _("Foto toevoegen"), multipart=True)
    )


def _simple(initiative, form, heading, multipart=False, intro=""):
    return {"initiative": initiative, "form": form, "heading": heading, "multipart": multipart, "intro": intro}


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


@require_POST
@login_required
def support(request, slug):
    initiative = _initiative(request, slug)
    if not request.user.has_perm("initiatives.support", initiative):
        raise PermissionDenied
    kind = request.POST.get("soort", "")
    if kind not in Support.Kind.values:
        return HttpResponse(_("Onbekende soort steun."), status=400)
    on = services.support_toggle(initiative=initiative, user=request.user, kind=kind)
    if request.headers.get("HX-Request"):
        initiative = selectors.initiative_visible_to(municipality=request.municipality, slug=slug, user=request.user)
        data = selectors.initiative_page_data(initiative=initiative, user=request.user)
        return render(
            request,
            "initiatives/_support.html",
            {"initiative": initiative, "may_support": True, "may_follow": True, **data},
        )
    label = Support.Kind(kind).label
    messages.success(request, _("Gelukt: %(label)s.") % {"label": label} if on else _("U heeft dit ingetrokken."))
    return redirect(initiative)


@require_POST
@login_required
def follow(request, slug):
    initiative = _initiative(request, slug)
    if not request.user.has_perm("initiatives.follow", initiative):
        raise PermissionDenied
    on = services.follow_toggle(initiative=initiative, user=request.user)
    if request.headers.get("HX-Request"):
        initiative = selectors.initiative_visible_to(municipality=request.municipality, slug=slug, user=request.user)
        data = selectors.initiative_page_data(initiative=initiative, user=request.user)
        return render(
            request,
            "initiatives/_support.html",
            {
                "initiative": initiative,
                "may_support": request.user.has_perm("initiatives.support", initiative),
                "may_follow": True,
                **data,
            },
        )
    messages.success(request, _("U volgt dit initiatief nu.") if on else _("U volgt dit initiatief niet meer."))
    return redirect(initiative)


# --- Team work: updates, needs and offers, team ----------------------------------------


def update_new(request, slug):
    initiative = _team_initiative(request, slug, "initiatives.post_update")
    form = UpdateForm(*_posted(request, files=False))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(initiative=initiative, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw nieuwsbericht staat op de pagina. Volgers krijgen een melding."))
            return redirect(initiative)
    return render(request, "initiatives/simple_form.html", _simple(initiative, form, _("Nieuwsbericht plaatsen")))


LISTING_HEADINGS = {
    "vraag": (_("Vraag toevoegen"), _("Vraag bewerken")),
    "aanbod": (_("Aanbod toevoegen"), _("Aanbod bewerken")),
}


def listing_new(request, slug, listing_type):
    initiative = _team_initiative(request, slug, "initiatives.manage_listings")
    form = ListingForm(*_posted(request, files=False), is_need=listing_type == "vraag")
    if request.method == "POST" and form.is_valid():
        create = services.need_create if listing_type == "vraag" else services.offer_create
        try:
            create(initiative=initiative, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(initiative.get_absolute_url() + ("#vragen" if listing_type == "vraag" else "#aanbod"))
    return render(request, "initiatives/simple_form.html", _simple(initiative, form, LISTING_HEADINGS[listing_type][0]))


def _listing(initiative, listing_type, pk):
    model = Need if listing_type == "vraag" else Offer
    return get_object_or_404(model, pk=pk, initiative=initiative)


def listing_edit(request, slug, listing_type, pk):
    initiative = _team_initiative(request, slug, "initiatives.manage_listings")
    listing = _listing(initiative, listing_type, pk)
    form = ListingForm(
        *_posted(request, files=False), initial=ListingForm.initial_for(listing), is_need=listing_type == "vraag"
    )
    status_form = ListingStatusForm(initial={"status": listing.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(listing=listing, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(initiative)
    context = _simple(initiative, form, LISTING_HEADINGS[listing_type][1])
    context.update({"listing": listing, "status_form": status_form, "listing_type": listing_type})
    return render(request, "initiatives/simple_form.html", context)


@require_POST
def listing_status(request, slug, listing_type, pk):
    initiative = _team_initiative(request, slug, "initiatives.manage_listings")
    listing = _listing(initiative, listing_type, pk)
    form = ListingStatusForm(request.POST)
    if form.is_valid():
        services.listing_set_status(listing=listing, user=request.user, status=form.cleaned_data["status"])
        messages.success(request, _("De status is nu: %(status)s.") % {"status": listing.get_status_display()})
    else:
        messages.error(request, _("Kies open, vervuld of ingetrokken."))
    return redirect(initiative)


def team(request, slug):
    initiative = _team_initiative(request, slug, "initiatives.manage_team")
    form = TeamInviteForm(*_posted(request, files=False))
    if request.method == "POST" and form.is_valid():
        try:
            services.team_invite(initiative=initiative, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("De uitnodiging is verstuurd."))
            return redirect("initiatives:team", municipality=request.municipality.slug, slug=initiative.slug)
    members = initiative.team.select_related("user").order_by("accepted_at", "invited_at")
    return render(request, "initiatives/team.html", {"initiative": initiative, "form": form, "members": members})


@login_required
def invitation_accept(request, token):
    member = get_object_or_404(
        services.TeamMember.objects.select_related("initiative"),
        token=token,
        initiative__municipality=request.municipality,
        accepted_at=None,
    )
    if request.method == "POST":
        try:
            services.team_accept(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welkom in het team van %(title)s.") % {"title": member.initiative.title})
        return redirect(member.initiative)
    return render(request, "initiatives/accept.html", {"member": member, "initiative": member.initiative})
