from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from samenspel.core.actions import ActionPage

from .forms import DeleteAccountForm, ProfileForm
from .selectors import user_data_export
from .services import user_delete, user_update_profile


class Profile(ActionPage):
    """One's own profile: the form and saving it."""

    permission_required = "accounts.change_profile"
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_message = _("Uw profiel is opgeslagen.")

    def get_object(self):
        return self.request.user

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def perform(self, form):
        return user_update_profile(
            user=self.request.user,
            display_name=form.cleaned_data["display_name"],
            neighbourhood=form.cleaned_data["neighbourhood"],
        )

    def get_success_url(self, result) -> str:
        return reverse("profile")


# The project's URLconf names this view `profile`.
profile = Profile.as_view()


class DeleteAccount(ActionPage):
    """Self-service deletion (AVG): what goes and what stays, then the password again."""

    permission_required = "accounts.delete_account"
    form_class = DeleteAccountForm
    template_name = "accounts/delete.html"

    def get_object(self):
        return self.request.user

    def perform(self, form):
        return user_delete(user=self.request.user, password=form.cleaned_data["password"])

    def success(self, result):
        logout(self.request)
        messages.success(self.request, _("Uw account is verwijderd. Bedankt dat u meedeed."))
        return HttpResponseRedirect(self.get_success_url(result))

    def get_success_url(self, result) -> str:
        return reverse("home")


class DataExport(View):
    """A download of everything tied to one's account (AVG inzage), as JSON."""

    def get(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("accounts.export_data", request.user):
            raise PermissionDenied
        response = JsonResponse(
            user_data_export(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-samenspel.json"'
        response["Cache-Control"] = "no-store"
        return response


delete_account = DeleteAccount.as_view()
data_export = DataExport.as_view()
