from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionPage

from .forms import ProfileForm
from .services import user_update_profile


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
