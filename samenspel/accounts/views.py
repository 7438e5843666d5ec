from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenspel.core.actions import ActionView

from .forms import ProfileForm
from .services import user_update_profile


class Profile(ActionView):
    """One's own profile: the form (GET) and saving it (POST)."""

    http_method_names = ["get", "post"]
    permission_required = "accounts.change_profile"
    form_class = ProfileForm
    success_message = _("Uw profiel is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return self.request.user

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "instance": self.request.user, "municipality": None}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.check_permission()
        return self.render(ProfileForm(instance=request.user, municipality=None))

    def render(self, form, status: int = 200):
        return render(self.request, "accounts/profile.html", {"form": form}, status=status)

    def perform(self, form):
        return user_update_profile(
            user=self.request.user,
            display_name=form.cleaned_data["display_name"],
            neighbourhood=form.cleaned_data["neighbourhood"],
        )

    def get_success_url(self, result) -> str:
        return reverse("profile")

    def form_invalid(self, form):
        return self.render(form, status=400)


# The project's URLconf names this view `profile`.
profile = Profile.as_view()
