from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "description", "kvk_number", "website", "neighbourhoods"]
        widgets = {"neighbourhoods": forms.CheckboxSelectMultiple}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = municipality.neighbourhoods.all()


class MembershipDecisionForm(forms.Form):
    """The admin's two buttons on a join request; the values are the buttons' (Dutch) names."""

    APPROVE = "goedkeuren"

    besluit = forms.ChoiceField(
        choices=[(APPROVE, _("Goedkeuren")), ("afwijzen", _("Afwijzen"))],
        error_messages={
            "required": _("Kies goedkeuren of afwijzen."),
            "invalid_choice": _("Kies goedkeuren of afwijzen."),
        },
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["besluit"] == self.APPROVE
