"""Organisations' share of a person's data (AVG): where they are a member."""


def export(user) -> dict:
    return {
        "organisations": [
            {"organisation": m.organisation.name, "admin": m.is_admin}
            for m in user.organisation_memberships.select_related("organisation")
        ]
    }
