from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form and field, allauth's included, renders with the NL Design System markup."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
