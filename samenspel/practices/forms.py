from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.models import Neighbourhood

from .models import EvidenceLevel, MunicipalitySize, Practice, TargetGroup, Theme
from .selectors import agreements_to_publish, experiments_to_publish, initiatives_to_publish

REQUIRED = {
    "title": _("Geef de aanpak een naam."),
    "summary": _("Vat de aanpak samen in één zin."),
    "theme": _("Kies een thema."),
    "target_group": _("Kies de doelgroep."),
    "goal": _("Beschrijf het doel."),
    "approach": _("Beschrijf de aanpak."),
    "active_elements": _("Noem de werkzame elementen: wat maakt dat het werkt?"),
    "preconditions": _("Noem de randvoorwaarden."),
    "costs": _("Geef een beeld van de kosten."),
    "funding_form": _("Kies de financieringsvorm."),
    "results": _("Beschrijf de resultaten."),
    "evidence_level": _("Kies de bewijskracht."),
    "transferability": _("Beschrijf wat een andere gemeente moet weten om de aanpak over te nemen."),
    "contact_role": _("Noem een functie waarmee andere gemeenten contact kunnen opnemen."),
    "municipality_size": _("Kies de omvang van de gemeente."),
}


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "source_experiment",
            "source_initiative",
            "source_agreement",
            "title",
            "summary",
            "theme",
            "target_group",
            "goal",
            "approach",
            "active_elements",
            "preconditions",
            "implementing_organisations",
            "research",
            "obstacles_solved",
            "costs",
            "funding_form",
            "results",
            "evidence_level",
            "transferability",
            "contact_role",
            "municipality_size",
        ]
        labels = {
            "source_experiment": _("Uit experiment"),
            "source_initiative": _("Uit initiatief"),
            "source_agreement": _("Uit financieringsafspraak"),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "goal",
                "approach",
                "active_elements",
                "preconditions",
                "implementing_organisations",
                "research",
                "obstacles_solved",
                "costs",
                "results",
                "transferability",
            )
        }
        error_messages = {name: {"required": message} for name, message in REQUIRED.items()}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_experiment"].queryset = experiments_to_publish(municipality=municipality)
        self.fields["source_experiment"].empty_label = _("Geen")
        self.fields["source_initiative"].queryset = initiatives_to_publish(municipality=municipality)
        self.fields["source_initiative"].empty_label = _("Geen")
        self.fields["source_agreement"].queryset = agreements_to_publish(municipality=municipality)
        self.fields["source_agreement"].empty_label = _("Geen")

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class AdoptForm(forms.Form):
    note = forms.CharField(
        label=_("Hoe past u de aanpak hier toe?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf kort hoe u de aanpak hier toepast.")},
    )
    start = forms.ChoiceField(
        label=_("Wat start u hier?"),
        choices=[
            ("initiative", _("Een gekoppeld initiatief met deze aanpak")),
            ("experiment", _("Een experiment: de aanpak als hypothese, met de opgeloste regelknelpunten")),
            ("nothing", _("Niets nieuws; alleen vastleggen dat we de aanpak gebruiken")),
        ],
        initial="initiative",
        required=False,  # left out: an initiative, as before the choice existed
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u hier start."), "invalid_choice": _("Kies wat u hier start.")},
    )
    title = forms.CharField(label=_("Naam van het nieuwe initiatief of experiment"), max_length=120, required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk (bij een initiatief)"), queryset=None, required=False, empty_label=_("Hele gemeente")
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(municipality=municipality).order_by("name")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        start = data.pop("start") or "initiative"
        return {**data, "start_initiative": start == "initiative", "start_experiment": start == "experiment"}


class AdoptionResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Resultaten hier"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beschrijf de resultaten hier, bijvoorbeeld tegen dezelfde indicatoren.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden (openbaar)"),
        max_length=1000,
        error_messages={"required": _("Geef een reden; andere gemeenten lezen waarom.")},
    )


class LibraryFilter(forms.Form):
    """The library's filters as query parameters; anything unknown is ignored (shows everything)."""

    q = forms.CharField(label=_("Zoekwoorden"), required=False, max_length=200)
    thema = forms.ChoiceField(label=_("Thema"), required=False, choices=[("", _("Alle thema's")), *Theme.choices])
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"), required=False, choices=[("", _("Alle doelgroepen")), *TargetGroup.choices]
    )
    bewijs = forms.ChoiceField(
        label=_("Bewijskracht"), required=False, choices=[("", _("Elke bewijskracht")), *EvidenceLevel.choices]
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    omvang = forms.ChoiceField(
        label=_("Omvang van de gemeente"), required=False, choices=[("", _("Elke omvang")), *MunicipalitySize.choices]
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", _("Alle gemeenten")), *((m.slug, m.name) for m in municipalities)]

    def values(self) -> dict:
        self.is_valid()  # the valid filters apply; an invalid one is left out
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "theme": data.get("thema", ""),
            "target_group": data.get("doelgroep", ""),
            "evidence_level": data.get("bewijs", ""),
            "municipality": data.get("gemeente", ""),
            "size": data.get("omvang", ""),
        }
