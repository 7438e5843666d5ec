"""A notification's sentence as facts, said at display time in the reader's language.

A service that notifies passes `Sentence(gettext_noop("Status van %(initiative)s: %(status)s"),
initiative=initiative.title, status=Sentence(Status(to).label_msgid))`; the notification
stores the msgid and its parameters (JSON), and the list and the digest translate them when
shown. Plain strings in the parameters are people's words (titles, names) and are never
translated; nested Sentences are.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass(frozen=True)
class Sentence:
    text: str
    params: dict = field(default_factory=dict)

    def __init__(self, text: str, **params) -> None:
        object.__setattr__(self, "text", str(text))
        object.__setattr__(self, "params", params)

    def as_data(self) -> dict:
        return {
            "text": self.text,
            "params": {
                key: value.as_data() if isinstance(value, Sentence) else str(value)
                for key, value in self.params.items()
            },
        }

    def __str__(self) -> str:
        return render(self.as_data())


def render(data: dict) -> str:
    """The stored sentence in the active language; a parameter that is itself a sentence too."""
    params = {key: render(value) if isinstance(value, dict) else value for key, value in data.get("params", {}).items()}
    text = gettext(data["text"])
    try:
        return text % params if params else text
    except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder: say it untranslated
        return data["text"] % params if params else data["text"]
