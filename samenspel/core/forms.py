from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form and field, allauth's included, renders with the NL Design System markup."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


def apply_validation_error(form, error) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field, else on the form.

    The one helper every view uses, so a service's Dutch message reaches the person
    next to the field it is about. A form whose fields are named otherwise than the
    service's arguments maps them in `service_error_fields` (e.g. `{"lat": "point"}`;
    the key None places an error that names no field).
    """
    aliases = getattr(form, "service_error_fields", {})
    items = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    for field, errors in items:
        field = aliases.get(field, field)
        form.add_error(field if field in form.fields else None, errors)


def parse_id(value, *, max_digits: int = 18) -> int | None:
    """A positive whole number (an id) from a visitor's form field or address, or None.

    The one place a page reads such a number by hand (API filters are serializers). ASCII
    digits only: '²'.isdigit() is true but int('²') raises, and a database integer has at most
    19 digits, so a longer one could only overflow the query.
    """
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > max_digits or int(text) < 1:
        return None
    return int(text)
