from django.http import Http404

from .selectors import active_municipality

SESSION_KEY = "samenspel_municipality"


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
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop("municipality", None)
        if slug is not None:
            municipality = active_municipality(slug=slug)
            if municipality is None:
                raise Http404
            request.municipality = request.context_municipality = municipality
            if hasattr(request, "session") and request.session.get(SESSION_KEY) != municipality.pk:
                request.session[SESSION_KEY] = municipality.pk
        elif hasattr(request, "session") and request.session.get(SESSION_KEY):
            request.context_municipality = active_municipality(pk=request.session[SESSION_KEY])
        return None
