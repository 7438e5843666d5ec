from django import forms, template
from django.utils.http import urlencode

register = template.Library()

# Lists of checkboxes and radio buttons keep Django's own markup: a class given to them
# lands on the wrapping element too, and the Utrecht input styles then break the layout.
_PLAIN_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
_WIDGET_CLASSES = [
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.SelectMultiple, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.ClearableFileInput, "utrecht-textbox utrecht-textbox--html-input"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


@register.filter
def widget(bound_field):
    """Render a field's widget with the NL Design System classes for its kind."""
    if isinstance(bound_field.field.widget, _PLAIN_WIDGETS):
        return bound_field.as_widget()
    for widget_type, css in _WIDGET_CLASSES:
        if isinstance(bound_field.field.widget, widget_type):
            classes = css + (" utrecht-textbox--invalid" if bound_field.errors else "")
            return bound_field.as_widget(attrs={"class": classes})
    return bound_field.as_widget()


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"
