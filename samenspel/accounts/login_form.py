"""The log-in form, apart from forms.py: allauth imports forms.SignupForm while defining its own
forms, so forms.py must not import allauth's forms (an import cycle)."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """allauth's log-in form without the "forgotten password" link inside the password field.

    allauth puts that link in the field's help text, which our field template renders
    before the input: Tab went from e-mail to the link instead of to the password (WCAG
    2.4.3). The page (account/login.html) shows the link after the button instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].help_text = ""
