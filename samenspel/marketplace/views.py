from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenspel.organisations.models import Organisation

from . import insights as insights_data
from .forms import PERSON, DigestForm, IntroductionForm, ListingForm, MessageForm, OutcomeForm
from .models import Introduction, ListingStatus, MatchDigestSubscription, Need, Offer
from .rules import Pair
from .selectors import (
    LISTING_TYPES,
    ListingFilters,
    filter_options,
    introduction_contacts,
    introductions_for,
    listing_list,
    listing_visible,
    listings_of,
    matches_for,
    owner_label,
    sides_of,
)
from .services import (
    digest_subscription_set,
    introduction_mark_need_met,
    introduction_message_post,
    introduction_outcome_record,
    introduction_propose,
    introduction_respond,
    listing_edit,
    listing_publish,
    listing_status_set,
    listing_url,
)

PAGE_SIZE = 40


def _map_points(listings, listing_type, municipality):
    points = []
    for listing in listings:
        if listing.lat is None or listing.lon is None:
            continue
        points.append(
            {
                "lat": listing.lat,
                "lon": listing.lon,
                "title": listing.title,
                "type": listing_type,
                "kind": listing.get_kind_display(),
                "url": listing_url(listing, municipality),
            }
        )
    return points


def index(request):
    municipality = request.municipality
    filters = ListingFilters.from_params(request.GET)
    sections = []
    points = []
    for listing_type, model, heading in (("vraag", Need, _("Vragen")), ("aanbod", Offer, _("Aanbod"))):
        if filters.listing_type and filters.listing_type != listing_type:
            continue
        listings = listing_list(model, municipality=municipality, filters=filters)
        shown = list(listings[:PAGE_SIZE])
        for listing in shown:
            listing.owner_name = owner_label(listing)
        total = listings.count() if len(shown) == PAGE_SIZE else len(shown)
        sections.append({"type": listing_type, "heading": heading, "listings": shown, "total": total})
        points += _map_points(shown, listing_type, municipality)
    options = filter_options(municipality=municipality)
    boundaries = [
        {"name": n.name, "boundary": n.boundary} for n in options["neighbourhoods"] if n.boundary and n.kind == "wijk"
    ]
    context = {
        "filters": filters,
        "options": options,
        "sections": sections,
        "map_data": {
            "points": points,
            "areas": boundaries,
            "center": [municipality.center_lat, municipality.center_lon],
        },
        "can_publish": request.user.has_perm("marketplace.publish", municipality),
    }
    return render(request, "marketplace/index.html", context)


def _listing_or_404(request, listing_type, pk):
    listing = listing_visible(LISTING_TYPES[listing_type], municipality=request.municipality, pk=pk)
    if listing is None:
        raise Http404
    return listing


def detail(request, pk, listing_type):
    listing = _listing_or_404(request, listing_type, pk)
    matches = matches_for(listing)
    is_need = listing_type == "vraag"
    for match in matches:
        counterpart = match.offer if is_need else match.need
        match.counterpart = counterpart
        match.counterpart_owner = owner_label(counterpart)
        pair = Pair(listing, match.offer) if is_need else Pair(match.need, listing)
        match.can_introduce = request.user.is_authenticated and request.user.has_perm(
            "marketplace.propose_introduction", pair
        )
    context = {
        "listing": listing,
        "listing_type": listing_type,
        "is_need": is_need,
        "owner_name": owner_label(listing),
        "matches": matches,
        "can_change": request.user.has_perm("marketplace.change_listing", listing),
        "statuses": ListingStatus.choices,
    }
    return render(request, "marketplace/detail.html", context)


def _my_organisations(user, municipality):
    return list(
        Organisation.objects.filter(
            municipality=municipality, memberships__user=user, memberships__status="approved"
        ).order_by("name")
    )


@login_required
def publish(request, listing_type):
    municipality = request.municipality
    if not request.user.has_perm("marketplace.publish", municipality):
        raise PermissionDenied
    organisations = _my_organisations(request.user, municipality)
    initial = {}
    if request.GET.get("organisatie"):
        match = [o for o in organisations if o.slug == request.GET["organisatie"]]
        if match:
            initial["on_behalf"] = str(match[0].pk)
    form = ListingForm(
        request.POST or None,
        municipality=municipality,
        user=request.user,
        organisations=organisations,
        initial=initial,
    )
    form.listing_type = listing_type
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            listing = listing_publish(
                listing_type=listing_type,
                municipality=municipality,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                availability=data["availability"],
                amount_eur=data["amount_eur"],
                neighbourhood=data["neighbourhood"],
                themes=list(data["themes"]),
                organisation=form.organisation() if data["on_behalf"] != PERSON else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Gepubliceerd. De matches worden op de achtergrond berekend."))
            return redirect(listing_url(listing))
    return render(request, "marketplace/form.html", {"form": form, "listing_type": listing_type, "edit": False})


@login_required
def edit(request, pk, listing_type):
    listing = _listing_or_404(request, listing_type, pk)
    if not request.user.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied
    initial = {
        "kind": listing.kind,
        "title": listing.title,
        "description": listing.description,
        "availability": listing.availability,
        "amount_eur": listing.amount_eur,
        "neighbourhood": listing.neighbourhood,
        "themes": list(listing.themes.all()),
    }
    form = ListingForm(
        request.POST or None, municipality=request.municipality, user=request.user, edit=True, initial=initial
    )
    form.listing_type = listing_type
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            listing_edit(
                listing=listing,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                availability=data["availability"],
                amount_eur=data["amount_eur"],
                neighbourhood=data["neighbourhood"],
                themes=list(data["themes"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(listing_url(listing))
    return render(
        request, "marketplace/form.html", {"form": form, "listing_type": listing_type, "edit": True, "listing": listing}
    )


@require_POST
@login_required
def status(request, pk, listing_type):
    listing = _listing_or_404(request, listing_type, pk)
    if not request.user.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied
    try:
        listing_status_set(listing=listing, user=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De status is nu: %(status)s.") % {"status": listing.get_status_display()})
    return redirect(listing_url(listing))


@require_POST
@login_required
def introduce(request):
    municipality = request.municipality
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een vraag en een aanbod."))
        return redirect("marketplace:index", municipality=municipality.slug)
    need = listing_visible(Need, municipality=municipality, pk=form.cleaned_data["need"])
    offer = listing_visible(Offer, municipality=municipality, pk=form.cleaned_data["offer"])
    if need is None or offer is None:
        raise Http404
    if not request.user.has_perm("marketplace.propose_introduction", Pair(need, offer)):
        raise PermissionDenied
    try:
        introduction = introduction_propose(
            need=need, offer=offer, user=request.user, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        back = request.POST.get("terug", "")
        return redirect(back if back.startswith(f"/{municipality.slug}/") else listing_url(need))
    messages.success(
        request, _("Uw voorstel is verstuurd. Contactgegevens worden gedeeld zodra beide kanten akkoord zijn.")
    )
    return redirect("marketplace:introduction", municipality=municipality.slug, pk=introduction.pk)


def _introduction(request, pk):
    introduction = get_object_or_404(
        Introduction.objects.select_related(
            "need__initiative",
            "need__organisation",
            "need__neighbourhood",
            "offer__initiative",
            "offer__organisation",
            "offer__neighbourhood",
            "municipality",
        ),
        pk=pk,
        municipality=request.municipality,
    )
    if not request.user.has_perm("marketplace.view_introduction", introduction):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return introduction


@login_required
def introductions(request):
    municipality = request.municipality
    staff = request.user.has_perm("marketplace.view_insights", municipality)
    mine = list(introductions_for(request.user, municipality=municipality))
    for intro in mine:
        intro.my_sides = sides_of(request.user, intro)
        intro.need_owner, intro.offer_owner = owner_label(intro.need), owner_label(intro.offer)
    others = []
    if staff:
        mine_ids = {i.pk for i in mine}
        others = [
            i
            for i in introductions_for(request.user, municipality=municipality, everyone=True)[:100]
            if i.pk not in mine_ids
        ]
        for intro in others:
            intro.need_owner, intro.offer_owner = owner_label(intro.need), owner_label(intro.offer)
    subscription = MatchDigestSubscription.objects.filter(
        user=request.user, municipality=municipality, is_active=True
    ).exists()
    context = {
        "introductions": mine,
        "others": others,
        "my_listings": listings_of(request.user, municipality=municipality),
        "digest_form": DigestForm(initial={"active": subscription}),
        "subscribed": subscription,
    }
    return render(request, "marketplace/introductions.html", context)


@login_required
def introduction_detail(request, pk):
    introduction = _introduction(request, pk)
    user = request.user
    context = {
        "introduction": introduction,
        "need_owner": owner_label(introduction.need),
        "offer_owner": owner_label(introduction.offer),
        "my_sides": sides_of(user, introduction),
        "contacts": introduction_contacts(introduction=introduction, user=user),
        "thread": introduction.messages.select_related("author"),
        "can_respond": user.has_perm("marketplace.respond_introduction", introduction),
        "can_message": user.has_perm("marketplace.message_introduction", introduction),
        "can_outcome": user.has_perm("marketplace.record_outcome", introduction),
        "can_mark_met": user.has_perm("marketplace.mark_need_met", introduction),
        "message_form": MessageForm(),
        "outcome_form": OutcomeForm(),
    }
    return render(request, "marketplace/introduction.html", context)


def _back(introduction):
    return redirect("marketplace:introduction", municipality=introduction.municipality.slug, pk=introduction.pk)


@require_POST
@login_required
def introduction_answer(request, pk):
    introduction = _introduction(request, pk)
    if not request.user.has_perm("marketplace.respond_introduction", introduction):
        raise PermissionDenied
    accept = request.POST.get("antwoord") == "accepteren"
    try:
        introduction = introduction_respond(introduction=introduction, user=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if not accept:
            messages.success(request, _("U heeft de kennismaking afgewezen."))
        elif introduction.both_accepted:
            messages.success(request, _("Beide kanten zijn akkoord. U ziet nu elkaars contactgegevens."))
        else:
            messages.success(request, _("U bent akkoord. We wachten op de andere kant."))
    return _back(introduction)


@require_POST
@login_required
def introduction_message(request, pk):
    introduction = _introduction(request, pk)
    if not request.user.has_perm("marketplace.message_introduction", introduction):
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            introduction_message_post(introduction=introduction, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uw bericht is geplaatst."))
    else:
        messages.error(request, _("Schrijf een bericht van hooguit 2000 tekens."))
    return _back(introduction)


@require_POST
@login_required
def introduction_outcome(request, pk):
    introduction = _introduction(request, pk)
    if not request.user.has_perm("marketplace.record_outcome", introduction):
        raise PermissionDenied
    form = OutcomeForm(request.POST)
    if form.is_valid():
        introduction_outcome_record(
            introduction=introduction,
            user=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("De uitkomst is vastgelegd."))
    else:
        messages.error(request, _("Kies of er een afspraak is gemaakt."))
    return _back(introduction)


@require_POST
@login_required
def introduction_met(request, pk):
    introduction = _introduction(request, pk)
    if not request.user.has_perm("marketplace.mark_need_met", introduction):
        raise PermissionDenied
    introduction_mark_need_met(introduction=introduction, user=request.user)
    messages.success(request, _("De vraag staat nu op vervuld. Fijn dat het gelukt is!"))
    return _back(introduction)


@require_POST
@login_required
def digest(request):
    form = DigestForm(request.POST)
    form.is_valid()
    active = bool(form.cleaned_data.get("active"))
    digest_subscription_set(user=request.user, municipality=request.municipality, active=active)
    messages.success(
        request,
        _("U krijgt voortaan elke week een e-mail met nieuwe matches.")
        if active
        else _("U krijgt geen wekelijkse e-mail met nieuwe matches meer."),
    )
    return redirect(reverse("marketplace:introductions", kwargs={"municipality": request.municipality.slug}))


@login_required
def insights(request):
    if not request.user.has_perm("marketplace.view_insights", request.municipality):
        raise PermissionDenied
    return render(request, "marketplace/insights.html", insights_data.insights(municipality=request.municipality))
