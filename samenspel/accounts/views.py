from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .services import user_update_profile


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user, municipality=None)
    if request.method == "POST" and form.is_valid():
        user_update_profile(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            neighbourhood=form.cleaned_data["neighbourhood"],
        )
        messages.success(request, _("Uw profiel is opgeslagen."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})
