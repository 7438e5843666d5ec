"""Display names read as what they are: no hidden or reordering characters, no posing as the municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.accounts.models import User
from samenspel.accounts.validators import display_name_normalise, validate_display_name

SIGNUP = {
    "email": "nieuw@voorbeeld.test",
    "password1": "zonnebloem-aan-de-dijk",
    "password2": "zonnebloem-aan-de-dijk",
}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Buurman   Bas ", "Buurman Bas"),
        ("Ｊａｎ　Ｄｅ Ｖｒｉｅｓ", "Jan De Vries"),  # full-width letters and space
        ("𝐁𝐚𝐬", "Bas"),  # mathematical bold
        ("Zoë Ĳsselmuiden", "Zoë IJsselmuiden"),  # composed diaeresis; the ij ligature splits
        ("José", "José"),  # e + combining accent becomes é
        ("Jan\u2028Piet\tde\nBuur", "Jan Piet de Buur"),  # line separators and tabs are spaces
    ],
)
def test_names_are_normalised(typed, stored):
    assert display_name_normalise(typed) == stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "Zoë van der Berg",
        "Mohammed El Idrissi",
        "Ĳsbrand",
        "Voetbalcoach Henk",
        "Buurtvereniging De Linde",
        "李小龙",
        "Anne-Marie 🌻",
    ],
)
def test_ordinary_names_pass(municipality, name):
    validate_display_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Jan\u202eteeb",  # right-to-left override
        "Jan\u2066Piet",  # left-to-right isolate
        "Jan\u200bPiet",  # zero-width space
        "Ja\u200dn",  # zero-width joiner
        "\ufeffJan",  # byte order mark
        "Jan\u0000",  # NUL
        "Jan\x1b[31m",  # escape sequence
        "Jan\u00adPiet",  # soft hyphen (invisible)
        "Jan\ue000",  # private use
        "Z\u0336\u0337\u0338\u0339alg",  # combining marks piled up
    ],
)
def test_hidden_and_reordering_characters_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_display_name(name)
    assert error.value.code in {"hidden_characters", "marks"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "Gemeente Lindeveen",
        "gemeente",
        "GEMEENTE Utrecht",
        "G e m e e n t e",
        "Gem33nte Lindeveen",
        "Ｇｅｍｅｅｎｔｅ",
        "Lindeveen",  # the municipality's own name (it is called "Gemeente Lindeveen")
        "Beheerder",
        "beheerder Samenspel",
        "Moderator",
        "M0derator Piet",
        "Admin",
        "Coach Piet",
        "Wethouder de Vries",
        "Team Samenspel",
    ],
)
def test_names_posing_as_the_municipality_or_staff_are_refused(municipality, name):
    with pytest.raises(ValidationError) as error:
        validate_display_name(name)
    assert error.value.code == "posing"
    assert "aangezien voor de gemeente" in error.value.messages[0]


@pytest.mark.django_db
def test_sign_up_refuses_a_posing_name_in_dutch_and_saves_nothing(client, municipality):
    data = {**SIGNUP, "display_name": "Gemeente Lindeveen", "municipality": municipality.pk}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "aangezien voor de gemeente" in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.django_db
def test_sign_up_stores_the_normalised_name(client, municipality):
    data = {**SIGNUP, "display_name": "  Ｂａｓ  de   Buur ", "municipality": municipality.pk}
    assert client.post(reverse("account_signup"), data).status_code == 302
    assert User.objects.get(email=SIGNUP["email"]).display_name == "Bas de Buur"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "message"), [("Jan\u202eteeb", "leesrichting"), ("Moderator", "aangezien")])
def test_the_profile_refuses_a_bad_name_and_keeps_the_old_one(client_for, resident, name, message):
    before = resident.display_name
    response = client_for(resident).post(reverse("profile"), {"display_name": name, "neighbourhood": ""})
    assert response.status_code == 400
    assert message in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == before


@pytest.mark.django_db
def test_the_profile_service_refuses_too(resident):
    from samenspel.accounts.services import user_update_profile

    with pytest.raises(ValidationError) as error:
        user_update_profile(user=resident, display_name="Gemeente\u200b Lindeveen")
    assert "display_name" in error.value.message_dict
