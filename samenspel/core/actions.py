"""The one shape of a POST action: a view that declares its permission, form and service.

Every button that changes something (support an initiative, hide a comment, record a
decision, cast a vote) is an `ActionView`:

    class AssignCoach(ActionView):
        permission_required = "coaching.assign_coach"
        form_class = AssignCoachForm
        success_message = _("De coach is toegewezen.")

        def get_object(self):                      # what the permission guards; 404 if not here
            return selectors.desk_initiative(municipality=self.request.municipality, slug=self.kwargs["slug"])

        def perform(self, form):                   # the service call, nothing else
            return services.initiative_assign_coach(initiative=self.object, assigned_by=self.request.user, ...)

        def get_success_url(self, result): ...
        def form_invalid(self, form): ...          # the page again with the bound form, status 400

The permission is checked before the form is read (a forbidden action answers 403, or 404
when `get_object` cannot find the object in this municipality, and changes nothing); a
`ValidationError` from the service lands on the form through `apply_validation_error`,
so no view catches it by hand. Services are atomic: a refused write leaves nothing behind.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from .forms import apply_validation_error


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class ActionView(View):
    http_method_names = ["post"]
    #: The `rules` permission, checked against `get_permission_object()`.
    permission_required: str | None = None
    #: A form that validates the POST; None for a bare button.
    form_class = None
    #: Said to the person after success (a flash message).
    success_message: str | None = None

    # --- what a subclass declares ---------------------------------------------------

    def get_object(self):
        """The object the permission is checked against (and the service acts on)."""
        return self.request.municipality

    def get_permission_object(self):
        return self.object

    def perform(self, form):
        """Call the service; return what `get_success_url` and `success` need."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform()")

    def get_success_url(self, result) -> str:
        raise ImproperlyConfigured(f"{type(self).__name__} must define get_success_url()")

    def form_invalid(self, form) -> HttpResponse:
        """Answer a refused action. Default: the messages as a flash, back to the success URL."""
        for message in form_messages(form):
            messages.error(self.request, message)
        return HttpResponseRedirect(self.get_failure_url())

    def get_failure_url(self) -> str:
        return self.get_success_url(None)

    # --- the flow, the same for every action ----------------------------------------

    def get_form_kwargs(self) -> dict:
        return {"data": self.request.POST, "files": self.request.FILES}

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(**self.get_form_kwargs())

    def check_permission(self) -> None:
        if self.permission_required is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must declare permission_required")
        if not self.request.user.has_perm(self.permission_required, self.get_permission_object()):
            raise PermissionDenied

    def success(self, result) -> HttpResponse:
        if self.success_message:
            messages.success(self.request, str(self.success_message))
        return HttpResponseRedirect(self.get_success_url(result))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission()
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        try:
            result = self.perform(form)
        except ValidationError as error:
            form = form if form is not None else _ErrorHolder()
            apply_validation_error(form, error)
            return self.form_invalid(form)
        return self.success(result)


class ActionPage(ActionView):
    """An action with its own form page: GET shows the form, a refused POST shows it again (400).

    The same permission guards both; an anonymous visitor is sent to log in first when
    `login_required` (the page is for people who can act, the link may be shared).
    """

    http_method_names = ["get", "post"]
    template_name: str | None = None
    login_required = True

    def get_initial(self) -> dict:
        return {}

    def get_form_kwargs(self) -> dict:
        posted = super().get_form_kwargs() if self.request.method == "POST" else {}
        return {"initial": self.get_initial(), **posted}

    def get_context_data(self, **kwargs) -> dict:
        return kwargs

    def render_page(self, form, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, self.get_context_data(form=form), status=status)

    def dispatch(self, request, *args, **kwargs):
        if self.login_required and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission()
        return self.render_page(self.get_form())

    def form_invalid(self, form) -> HttpResponse:
        return self.render_page(form, status=400)


class _ErrorHolder:
    """Stands in for a form on a bare button, so a refused service still reaches form_invalid."""

    fields: dict = {}

    def __init__(self) -> None:
        self.errors: dict[str | None, list[str]] = {}

    def add_error(self, field, errors) -> None:
        self.errors.setdefault(field, []).extend(ValidationError(errors).messages)

    def non_field_errors(self) -> list[str]:
        return self.errors.get(None, [])


def form_messages(form) -> list[str]:
    """Every error on a form (or a bare button's holder) as a flat list of sentences."""
    return [str(message) for errors in form.errors.values() for message in errors]
