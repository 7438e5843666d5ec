from .models import Need, Offer
from .selectors import listing_list, owner_label


def home_context(request, municipality):
    needs = listing_list(Need, municipality=municipality)
    offers = listing_list(Offer, municipality=municipality)
    latest_needs, latest_offers = list(needs[:3]), list(offers[:3])
    for listing in latest_needs + latest_offers:
        listing.owner_name = owner_label(listing)
    return {
        "need_count": needs.count(),
        "offer_count": offers.count(),
        "needs": latest_needs,
        "offers": latest_offers,
    }
