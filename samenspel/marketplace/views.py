"""Pages of the marketplace. Reads through selectors, every POST an ActionView calling a service."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.core.actions import ActionPage, ActionView

from . import insights as insights_data
from . import selectors, services
from .forms import (
    PERSON,
    AnswerForm,
    ContactForm,
    DigestForm,
    IntroductionForm,
    ListingForm,
    ListingStatusForm,
    OutcomeForm,
)
from .models import LISTING_MODELS, IntroductionStatus, ListingType
from .rules import Pair

PAGE_SIZE = 40


def _map_points(listings, listing_type, municipality):
    return [
        {
            "lat": listing.lat,
            "lon": listing.lon,
            "title": listing.title,
            "type": listing_type,
            "type_label": ListingType(listing_type).label.capitalize(),
            "category": listing.get_category_display(),
            "url": services.listing_url(listing, municipality),
        }
        for listing in listings
        if listing.lat is not None and listing.lon is not None
    ]


def index(request):
    municipality = request.municipality
    filters = selectors.ListingFilters.from_params(request.GET)
    sections = []
    points = []
    for listing_type, heading in ((ListingType.NEED, _("Vragen")), (ListingType.OFFER, _("Aanbod"))):
        if filters.listing_type and filters.listing_type != listing_type:
            continue
        listings = selectors.listing_list(LISTING_MODELS[listing_type], municipality=municipality, filters=filters)
        shown = list(listings[:PAGE_SIZE])
        for listing in shown:
            listing.owner_name = selectors.owner_label(listing)
        total = listings.count() if len(shown) == PAGE_SIZE else len(shown)
        sections.append({"type": str(listing_type), "heading": heading, "listings": shown, "total": total})
        points += _map_points(shown, listing_type, municipality)
    options = selectors.filter_options(municipality=municipality)
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
    listing = selectors.listing_visible(LISTING_MODELS[listing_type], municipality=request.municipality, pk=pk)
    if listing is None:
        raise Http404
    return listing


def detail(request, pk, listing_type):
    listing = _listing_or_404(request, listing_type, pk)
    matches = selectors.matches_for(listing)
    is_need = listing_type == ListingType.NEED
    for match in matches:
        counterpart = match.offer if is_need else match.need
        match.counterpart = counterpart
        match.counterpart_owner = selectors.owner_label(counterpart)
        pair = Pair(listing, match.offer) if is_need else Pair(match.need, listing)
        match.can_introduce = request.user.is_authenticated and request.user.has_perm(
            "marketplace.propose_introduction", pair
        )
    context = {
        "listing": listing,
        "listing_type": listing_type,
        "is_need": is_need,
        "owner_name": selectors.owner_label(listing),
        "matches": matches,
        "can_change": request.user.has_perm("marketplace.change_listing", listing),
        "status_form": ListingStatusForm(initial={"status": listing.status}),
    }
    return render(request, "marketplace/detail.html", context)


# --- Publishing and changing a listing -------------------------------------------------------


class ListingPublish(ActionPage):
    permission_required = "marketplace.publish"
    form_class = ListingForm
    template_name = "marketplace/form.html"
    success_message = gettext_lazy("Gepubliceerd. De matches worden op de achtergrond berekend.")

    def get_object(self):
        self.organisations = selectors.organisations_of(self.request.user, municipality=self.request.municipality)
        return self.request.municipality

    def get_initial(self) -> dict:
        chosen = [o for o in self.organisations if o.slug == self.request.GET.get("organisatie")]
        return {"on_behalf": str(chosen[0].pk)} if chosen else {}

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "listing_type": self.kwargs["listing_type"],
            "municipality": self.request.municipality,
            "organisations": self.organisations,
        }

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "listing_type": self.kwargs["listing_type"], "edit": False}

    def perform(self, form):
        return services.listing_publish(
            listing_type=self.kwargs["listing_type"],
            municipality=self.request.municipality,
            user=self.request.user,
            organisation=form.organisation() if form.cleaned_data["on_behalf"] != PERSON else None,
            **form.service_kwargs(),
        )

    def get_success_url(self, result) -> str:
        return services.listing_url(result)


class _ListingAction(LoginRequiredMixin, ActionView):
    permission_required = "marketplace.change_listing"

    def get_object(self):
        return _listing_or_404(self.request, self.kwargs["listing_type"], self.kwargs["pk"])

    def get_success_url(self, result) -> str:
        return services.listing_url(self.object)


class ListingEdit(_ListingAction, ActionPage):
    form_class = ListingForm
    template_name = "marketplace/form.html"
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get_initial(self) -> dict:
        return ListingForm.initial_for(self.object)

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "listing_type": self.kwargs["listing_type"],
            "municipality": self.request.municipality,
            "edit": True,
        }

    def get_context_data(self, **kwargs) -> dict:
        return {**kwargs, "listing_type": self.kwargs["listing_type"], "edit": True, "listing": self.object}

    def perform(self, form):
        return services.listing_edit(listing=self.object, user=self.request.user, **form.service_kwargs())


class ListingStatusSet(_ListingAction):
    form_class = ListingStatusForm

    def perform(self, form):
        return services.listing_status_set(
            listing=self.object, user=self.request.user, status=form.cleaned_data["status"]
        )

    def success(self, result):
        self.success_message = _("De status is nu: %(status)s.") % {"status": result.get_status_display()}
        return super().success(result)


# --- Introductions ----------------------------------------------------------------------------


class IntroductionPropose(LoginRequiredMixin, ActionView):
    permission_required = "marketplace.propose_introduction"
    form_class = IntroductionForm
    success_message = gettext_lazy(
        "Uw voorstel is verstuurd. Contactgegevens worden gedeeld zodra beide kanten akkoord zijn."
    )

    def get_object(self):
        form = IntroductionForm(self.request.POST)
        if not form.is_valid():
            raise Http404
        municipality = self.request.municipality
        need = selectors.listing_visible(
            LISTING_MODELS[ListingType.NEED], municipality=municipality, pk=form.cleaned_data["need"]
        )
        offer = selectors.listing_visible(
            LISTING_MODELS[ListingType.OFFER], municipality=municipality, pk=form.cleaned_data["offer"]
        )
        if need is None or offer is None:
            raise Http404
        return Pair(need, offer)

    def perform(self, form):
        return services.introduction_propose(
            need=self.object.need,
            offer=self.object.offer,
            user=self.request.user,
            message=form.cleaned_data["message"],
            contact=form.cleaned_data["contact"],
        )

    def get_success_url(self, result) -> str:
        return services.introduction_url(result)

    def get_failure_url(self) -> str:
        back = self.request.POST.get("terug", "")
        return (
            back if back.startswith(f"/{self.request.municipality.slug}/") else services.listing_url(self.object.need)
        )


def _introduction(request, pk):
    introduction = selectors.introduction_in(municipality=request.municipality, pk=pk)
    if introduction is None:
        raise Http404
    if not request.user.has_perm("marketplace.view_introduction", introduction):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return introduction


@login_required
def introductions(request):
    municipality = request.municipality
    user = request.user
    mine = list(selectors.introductions_for(user, municipality=municipality))
    for intro in mine:
        intro.my_sides = selectors.sides_of(user, intro)
    others = []
    if user.has_perm("marketplace.view_insights", municipality):
        mine_ids = {i.pk for i in mine}
        everyone = selectors.introductions_for(user, municipality=municipality, everyone=True)[:100]
        others = [i for i in everyone if i.pk not in mine_ids]
    for intro in mine + others:
        intro.need_owner, intro.offer_owner = selectors.owner_label(intro.need), selectors.owner_label(intro.offer)
    subscribed = selectors.digest_subscribed(user, municipality=municipality)
    context = {
        "introductions": mine,
        "others": others,
        "my_listings": selectors.listings_of(user, municipality=municipality),
        "digest_form": DigestForm(initial={"active": subscribed}),
        "subscribed": subscribed,
    }
    return render(request, "marketplace/introductions.html", context)


@login_required
def introduction_detail(request, pk):
    introduction = _introduction(request, pk)
    user = request.user
    context = {
        "introduction": introduction,
        "need_owner": selectors.owner_label(introduction.need),
        "offer_owner": selectors.owner_label(introduction.offer),
        "my_sides": selectors.sides_of(user, introduction),
        "can_view_contacts": user.has_perm("marketplace.view_contacts", introduction),
        "contacts": selectors.introduction_contacts(introduction=introduction, user=user),
        "answer_form": AnswerForm(),
        "can_respond": user.has_perm("marketplace.respond_introduction", introduction),
        "can_share": user.has_perm("marketplace.share_contact", introduction),
        "contact_form": ContactForm(initial={"contact": selectors.shared_by(introduction=introduction, user=user)}),
        "can_outcome": user.has_perm("marketplace.record_outcome", introduction),
        "can_mark_met": user.has_perm("marketplace.mark_need_met", introduction),
        "outcome_form": OutcomeForm(),
    }
    return render(request, "marketplace/introduction.html", context)


class _IntroductionAction(LoginRequiredMixin, ActionView):
    def get_object(self):
        return _introduction(self.request, self.kwargs["pk"])

    def get_success_url(self, result) -> str:
        return services.introduction_url(self.object)


class IntroductionAnswer(_IntroductionAction):
    permission_required = "marketplace.respond_introduction"
    form_class = AnswerForm

    def perform(self, form):
        self.accepted = form.accept
        return services.introduction_respond(
            introduction=self.object, user=self.request.user, accept=form.accept, contact=form.cleaned_data["contact"]
        )

    def success(self, result):
        if not self.accepted:
            self.success_message = _("U heeft de kennismaking afgewezen.")
        elif result.both_accepted:
            self.success_message = _("Beide kanten zijn akkoord. U kunt nu met elkaar in gesprek.")
        else:
            self.success_message = _("U bent akkoord. We wachten op de andere kant.")
        return super().success(result)


class IntroductionContact(_IntroductionAction):
    permission_required = "marketplace.share_contact"
    form_class = ContactForm

    def perform(self, form):
        return services.introduction_contact_set(
            introduction=self.object, user=self.request.user, contact=form.cleaned_data["contact"]
        )

    def success(self, result):
        self.success_message = (
            _("Opgeslagen. De andere kant ziet dit zodra beide kanten akkoord zijn.")
            if result.status == IntroductionStatus.PROPOSED
            else _("Opgeslagen. Dit is wat de andere kant nu van u ziet.")
        )
        if not self.request.POST.get("contact", "").strip():
            self.success_message = _("U deelt geen contactgegevens meer; berichten op de site blijven mogelijk.")
        return super().success(result)


class IntroductionOutcome(_IntroductionAction):
    permission_required = "marketplace.record_outcome"
    form_class = OutcomeForm
    success_message = gettext_lazy("De uitkomst is vastgelegd.")

    def perform(self, form):
        return services.introduction_outcome_record(
            introduction=self.object,
            user=self.request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )


class IntroductionNeedMet(_IntroductionAction):
    permission_required = "marketplace.mark_need_met"
    success_message = gettext_lazy("De vraag staat nu op vervuld. Fijn dat het gelukt is!")

    def perform(self, form):
        return services.introduction_mark_need_met(introduction=self.object, user=self.request.user)


class DigestSet(LoginRequiredMixin, ActionView):
    """Anyone logged in chooses whether to get the weekly mail; it is about their own listings only."""

    permission_required = "marketplace.subscribe_digest"
    form_class = DigestForm

    def perform(self, form):
        return services.digest_subscription_set(
            user=self.request.user, municipality=self.request.municipality, active=form.cleaned_data["active"]
        )

    def success(self, result):
        self.success_message = (
            _("U krijgt voortaan elke week een e-mail met nieuwe matches.")
            if result.is_active
            else _("U krijgt geen wekelijkse e-mail met nieuwe matches meer.")
        )
        return super().success(result)

    def get_success_url(self, result) -> str:
        return reverse("marketplace:introductions", kwargs={"municipality": self.request.municipality.slug})


@login_required
def insights(request):
    if not request.user.has_perm("marketplace.view_insights", request.municipality):
        raise PermissionDenied
    return render(request, "marketplace/insights.html", insights_data.insights(municipality=request.municipality))
