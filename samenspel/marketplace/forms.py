from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.models import Neighbourhood, Theme
from samenspel.organisations.models import Organisation

from .models import Kind, Outcome

PERSON = "persoon"


class ListingForm(forms.Form):
    on_behalf = forms.ChoiceField(label=_("Namens"), required=True)
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    title = forms.CharField(
        label=_("Titel"),
        max_length=120,
        help_text=_("Bijvoorbeeld: ik kan helpen met de moestuin, of: ruimte in buurthuis De Linde op dinsdagavond."),
    )
    description = forms.CharField(label=_("Omschrijving"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    availability = forms.CharField(
        label=_("Beschikbaarheid"),
        max_length=200,
        required=False,
        help_text=_("Wanneer kan het? Bijvoorbeeld: dinsdagavond, of: twee zaterdagen per maand."),
    )
    amount_eur = forms.DecimalField(
        label=_("Bedrag in euro"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Alleen bij geld."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Neighbourhood.objects.none(), required=False, empty_label=_("De hele gemeente")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, municipality, user, organisations=None, edit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality)
        self.fields["themes"].queryset = Theme.objects.filter(municipality=municipality)
        self.organisations = {str(o.pk): o for o in (organisations or [])}
        if edit:
            del self.fields["on_behalf"]
        else:
            self.fields["on_behalf"].choices = [(PERSON, _("Mijzelf (als inwoner)"))] + [
                (pk, o.name) for pk, o in self.organisations.items()
            ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.MONEY and data.get("amount_eur") is None and self.listing_type == "vraag":
            self.add_error("amount_eur", _("Vermeld bij een vraag om geld het bedrag in euro."))
        return data

    listing_type = "aanbod"

    def organisation(self) -> Organisation | None:
        return self.organisations.get(self.cleaned_data.get("on_behalf", PERSON))


class IntroductionForm(forms.Form):
    need = forms.IntegerField(widget=forms.HiddenInput)
    offer = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom past dit bij elkaar? Uw contactgegevens worden pas gedeeld als beide kanten akkoord zijn."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Bericht"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class DigestForm(forms.Form):
    active = forms.BooleanField(label=_("Stuur mij elke week een e-mail met nieuwe matches"), required=False)
