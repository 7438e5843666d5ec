from django import forms
from django.utils.translation import gettext_lazy as _

from . import defaults
from .models import EndOption, Outcome, Right, SubmitterKind, Verdict
from .selectors import coaches_of


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _area(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class RequestForm(forms.Form):
    """The request itself; the parts are the ones the ordinance requires for this right."""

    title = forms.CharField(label=_("Titel van uw verzoek"), max_length=160)
    submitter_kind = forms.ChoiceField(
        label=_("Wie doet het verzoek?"), choices=SubmitterKind.choices, widget=forms.RadioSelect
    )
    group_name = forms.CharField(
        label=_("Naam van uw groep of organisatie"), max_length=160, help_text=_("Deze naam is openbaar.")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        required=False,
        empty_label=_("Geen (een groep bewoners)"),
        help_text=_("Alleen organisaties waarvan u lid bent."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"), queryset=None, required=False, empty_label=_("Meerdere wijken of de hele gemeente")
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres voor contact"),
        help_text=_("Alleen de behandelaars bij de gemeente zien dit; het wordt nooit openbaar."),
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"), max_length=30, required=False, help_text=_("Alleen voor de behandelaars.")
    )
    budget_asked = forms.DecimalField(
        label=_("Gevraagd budget per jaar (euro)"), max_digits=12, decimal_places=2, required=False, min_value=0
    )

    def __init__(self, *args, terms, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        from samenspel.organisations.models import Organisation, OrganisationMembership

        self.terms = terms
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality,
            memberships__user=user,
            memberships__status=OrganisationMembership.Status.APPROVED,
        ).distinct()
        self.fields["neighbourhood"].queryset = municipality.neighbourhoods.order_by("name")
        for code, label in terms.part_labels:
            self.fields[f"part_{code}"] = forms.CharField(label=label, required=False, max_length=5000, widget=_area(4))

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        parts = {code: data.pop(f"part_{code}", "") for code, _label in self.terms.part_labels}
        return {**data, "parts": parts}


class AssignCoachForm(forms.Form):
    coach = forms.ModelChoiceField(label=_("Behandelaar (coach)"), queryset=None, empty_label=_("Kies een coach"))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches_of(municipality=municipality)
        self.fields["coach"].label_from_instance = lambda user: user.display_name


class InfoRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Welke informatie ontbreekt?"),
        max_length=3000,
        widget=_area(3),
        help_text=_("De termijn staat stil tot de indieners antwoorden."),
    )


class InfoAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Uw antwoord"), max_length=5000, widget=_area(5))


class AdmissibilityForm(forms.Form):
    admissible = forms.TypedChoiceField(
        label=_("Is het verzoek ontvankelijk?"),
        choices=[("yes", _("Ja: publiceren voor steun en reacties")), ("no", _("Nee: niet-ontvankelijk"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Motivering (openbaar; verplicht bij niet-ontvankelijk)"),
        max_length=5000,
        required=False,
        widget=_area(3),
    )


class ScoreForm(forms.Form):
    """A verdict and an explanation for every criterion of the ordinance."""

    def __init__(self, *args, terms, scores=None, **kwargs):
        initial = {}
        for score in scores or []:
            initial[f"verdict_{score.criterion}"] = score.verdict
            initial[f"explanation_{score.criterion}"] = score.explanation
        kwargs.setdefault("initial", {}).update(initial)
        super().__init__(*args, **kwargs)
        self.terms = terms
        for code, label in terms.criterion_labels:
            self.fields[f"verdict_{code}"] = forms.ChoiceField(
                label=label, choices=[("", _("Kies een oordeel"))] + list(Verdict.choices), required=False
            )
            self.fields[f"explanation_{code}"] = forms.CharField(
                label=_("Toelichting bij ‘%(criterion)s’") % {"criterion": label},
                max_length=2000,
                required=False,
                widget=_area(2),
            )

    def rows(self):
        return [(self[f"verdict_{code}"], self[f"explanation_{code}"]) for code, _label in self.terms.criterion_labels]

    def scores(self) -> dict:
        return {
            code: (self.cleaned_data.get(f"verdict_{code}", ""), self.cleaned_data.get(f"explanation_{code}", ""))
            for code, _label in self.terms.criterion_labels
        }


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("Gehoord op"), widget=DateInput())
    summary = forms.CharField(label=_("Verslag van het horen (openbaar)"), max_length=5000, widget=_area(4))


class ExtensionForm(forms.Form):
    weeks = forms.IntegerField(label=_("Verdagen met (weken)"), min_value=1, max_value=52)
    reason = forms.CharField(label=_("Reden van de verdaging (openbaar)"), max_length=2000, widget=_area(3))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Besluit"), choices=[("", _("Kies het besluit"))] + list(Outcome.choices))
    reasons = forms.CharField(label=_("Motivering (openbaar)"), max_length=8000, required=False, widget=_area(6))


class AgreementForm(forms.Form):
    task = forms.CharField(label=_("De taak"), max_length=3000, widget=_area(3))
    expected_results = forms.CharField(label=_("Verwachte resultaten"), max_length=3000, widget=_area(3))
    budget = forms.DecimalField(label=_("Budget per jaar (euro)"), max_digits=12, decimal_places=2, min_value=0)
    starts_on = forms.DateField(label=_("Begint op"), widget=DateInput())
    ends_on = forms.DateField(label=_("Loopt tot"), widget=DateInput())
    reporting = forms.CharField(label=_("Rapportagemomenten"), max_length=2000, widget=_area(2))
    review_every_months = forms.IntegerField(label=_("Voortgangsgesprek elke (maanden)"), min_value=1, initial=6)
    end_option = forms.ChoiceField(label=_("Aan het einde"), choices=EndOption.choices, initial=EndOption.UNDECIDED)


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Gesprek gehouden op"), widget=DateInput())
    progress = forms.CharField(label=_("Voortgang (openbaar)"), max_length=3000, widget=_area(3))
    on_track = forms.BooleanField(label=_("Op koers"), required=False, initial=True)


class OrdinanceForm(forms.Form):
    """A new version of the participatieverordening: per right, whether it is granted and its terms."""

    reference = forms.CharField(label=_("Naam en vindplaats van de verordening"), max_length=200)
    url = forms.URLField(label=_("Link naar de tekst"), required=False)
    adopted_on = forms.DateField(label=_("Vastgesteld op"), widget=DateInput())
    in_force_from = forms.DateField(
        label=_("In werking vanaf"),
        widget=DateInput(),
        help_text=_("Vandaag of later: een wijziging geldt alleen voor nieuwe verzoeken."),
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {t.right: t for t in current.terms.all()} if current is not None else {}
        self.groups = []
        for code, label in Right.choices:
            terms = existing.get(code)
            base = defaults.RIGHTS[code]

            def value(name, terms=terms, base=base):
                return getattr(terms, name) if terms is not None else base.get(name)

            fields = {
                "granted": forms.BooleanField(
                    label=_("De verordening kent het %(right)s") % {"right": label},
                    required=False,
                    initial=terms is not None or current is None,
                ),
                "acknowledge_weeks": forms.IntegerField(
                    label=_("Ontvangstbevestiging binnen (weken)"),
                    min_value=0,
                    required=False,
                    initial=value("acknowledge_weeks"),
                ),
                "admissibility_weeks": forms.IntegerField(
                    label=_("Besluit over ontvankelijkheid binnen (weken)"),
                    min_value=0,
                    required=False,
                    initial=value("admissibility_weeks"),
                ),
                "decision_weeks": forms.IntegerField(
                    label=_("Besluit binnen (weken)"), min_value=0, required=False, initial=value("decision_weeks")
                ),
                "extension_allowed": forms.BooleanField(
                    label=_("Verdagen toegestaan"), required=False, initial=value("extension_allowed")
                ),
                "extension_weeks": forms.IntegerField(
                    label=_("Verdaging ten hoogste (weken)"),
                    min_value=0,
                    required=False,
                    initial=value("extension_weeks"),
                ),
                "required_parts": forms.MultipleChoiceField(
                    label=_("Verplichte onderdelen"),
                    choices=list(defaults.PARTS.items()),
                    widget=forms.CheckboxSelectMultiple,
                    initial=value("required_parts"),
                    required=False,
                ),
                "criteria": forms.MultipleChoiceField(
                    label=_("Beoordelingscriteria"),
                    choices=list(defaults.CRITERIA.items()),
                    widget=forms.CheckboxSelectMultiple,
                    initial=value("criteria"),
                    required=False,
                ),
                "digid_required": forms.BooleanField(
                    label=_("Wie indient, bevestigt het account met DigiD"),
                    required=False,
                    initial=value("digid_required") or False,
                ),
                "excluded_tasks": forms.CharField(
                    label=_("Uitgezonderde taken (één per regel)"),
                    required=False,
                    widget=_area(3),
                    initial="\n".join(terms.excluded_tasks if terms is not None else defaults.EXCLUDED_TASKS),
                ),
            }
            names = []
            for name, field in fields.items():
                self.fields[f"{code}_{name}"] = field
                names.append(f"{code}_{name}")
            self.groups.append((label, names))

    def group_fields(self):
        return [(label, [self[name] for name in names]) for label, names in self.groups]

    def rights(self) -> dict:
        data = self.cleaned_data
        result = {}
        for code in Right.values:
            if not data.get(f"{code}_granted"):
                continue
            result[code] = {
                "acknowledge_weeks": data[f"{code}_acknowledge_weeks"],
                "admissibility_weeks": data[f"{code}_admissibility_weeks"],
                "decision_weeks": data[f"{code}_decision_weeks"],
                "extension_allowed": data[f"{code}_extension_allowed"],
                "extension_weeks": data[f"{code}_extension_weeks"] or 0,
                "required_parts": list(data[f"{code}_required_parts"]),
                "criteria": list(data[f"{code}_criteria"]),
                "excluded_tasks": [t.strip() for t in data[f"{code}_excluded_tasks"].splitlines() if t.strip()],
                "digid_required": data[f"{code}_digid_required"],
            }
        return result

    def service_kwargs(self) -> dict:
        return {
            "reference": self.cleaned_data["reference"],
            "url": self.cleaned_data["url"],
            "adopted_on": self.cleaned_data["adopted_on"],
            "in_force_from": self.cleaned_data["in_force_from"],
            "rights": self.rights(),
        }
