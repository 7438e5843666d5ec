from allauth.core import context as allauth_context
from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.selectors import municipality_list, neighbourhood_choices

from .models import User
from .selectors import municipalities_of, municipality_of_request, next_of
from .validators import validate_display_name


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Weergavenaam"),
        max_length=80,
        help_text=_("Zo zien anderen u op Samenspel."),
        validators=[validate_display_name],
    )
    municipality = forms.ModelChoiceField(
        label=_("Uw gemeente"),
        queryset=municipality_list(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    field_order = ["email", "display_name", "municipality", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth hands the sign-up form no request; its context variable holds the current one.
        current = municipality_of_request(allauth_context.request)
        if current is not None:
            self.fields["municipality"].initial = current.pk

    def signup(self, request, user):
        from samenspel.accounts.adapter import SIGNUP_NEXT_KEY
        from samenspel.accounts.services import user_after_signup

        came_from = next_of(request)
        if came_from:
            request.session[SIGNUP_NEXT_KEY] = came_from

        user_after_signup(
            user=user,
            display_name=self.cleaned_data["display_name"],
            municipality=self.cleaned_data["municipality"],
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "neighbourhood"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the areas of the person's own municipalities: nobody lives in all of them.
        own = list(municipalities_of(user=self.instance))
        self.fields["neighbourhood"].queryset = neighbourhood_choices().filter(municipality__in=own)
        if len(own) > 1:
            self.fields["neighbourhood"].label_from_instance = lambda n: f"{n.name} ({n.municipality.name})"
        self.fields["neighbourhood"].empty_label = _("— niet opgegeven —")
        self.fields["neighbourhood"].error_messages["invalid_choice"] = _("Kies een wijk uit de lijst.")
        self.fields["display_name"].validators.append(validate_display_name)


class DeleteAccountForm(forms.Form):
    """The confirmation step: the password again, and saying yes to what the page explains."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn account. Ik begrijp dat dit niet ongedaan kan worden."),
        error_messages={"required": _("Vink aan dat u uw account wilt verwijderen.")},
    )
