from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role
from .selectors import active_user_by_email


class GrantRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de persoon"))
    role = forms.ChoiceField(label=_("Rol"), choices=[(r.value, r.label) for r in Role if r != Role.RESIDENT])

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = active_user_by_email(email=email)
        if user is None:
            raise forms.ValidationError(
                _("Er is geen account met dit e-mailadres. Vraag de persoon eerst een account aan te maken.")
            )
        self.cleaned_data["user"] = user
        return email


class RevokeRoleForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), required=False)
