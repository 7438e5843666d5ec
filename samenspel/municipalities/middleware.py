from django.conf import settings
from django.http import Http404

from .selectors import active_municipality

# The cookie that remembers the last municipality visited, for the header of global pages.
# A plain cookie holding a public slug, not the session: a visitor who only reads must not
# cost a session row (500 page views wrote 500 rows while this lived in the session).
COOKIE_NAME = "samenspel_gemeente"
COOKIE_AGE = 365 * 24 * 3600


class MunicipalityMiddleware:
    """Serves each request for one municipality, taken from the first path segment.

    Views under `<municipality>/` get `request.municipality`; global pages (account,
    statements) keep the last municipality visited so the header stays familiar.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = None
        # Only for the header and navigation of global pages; never for scoping data.
        request.context_municipality = None
        response = self.get_response(request)
        municipality = request.municipality
        if municipality is not None and request.COOKIES.get(COOKIE_NAME) != municipality.slug:
            response.set_cookie(
                COOKIE_NAME,
                municipality.slug,
                max_age=COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop("municipality", None)
        if slug is not None:
            municipality = active_municipality(slug=slug)
            if municipality is None:
                raise Http404
            request.municipality = request.context_municipality = municipality
        elif remembered := request.COOKIES.get(COOKIE_NAME):
            request.context_municipality = active_municipality(slug=remembered)
        return None
