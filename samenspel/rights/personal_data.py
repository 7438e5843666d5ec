"""A person's part of the buurtrechten (AVG): the requests they filed or co-signed, their support.

On deletion the request stays (it is a public procedure of the municipality, in the name of the
group), without the person: the contact data they gave is wiped and the link to the account
goes with the account (SET_NULL); their support is removed with them (CASCADE).
"""

from .models import RightRequest, Support


def export(user) -> dict:
    filed = RightRequest.objects.filter(submitted_by=user)
    return {
        "buurtrechten": {
            "requests": [
                {
                    "title": r.title,
                    "right": r.right,
                    "state": r.state,
                    "group_name": r.group_name,
                    "contact_email": r.contact_email,
                    "contact_phone": r.contact_phone,
                    "parts": r.parts,
                }
                for r in filed
            ],
            "co_signed": [r.title for r in RightRequest.objects.filter(co_submitters=user)],
            "supported": [s.request.title for s in Support.objects.filter(user=user).select_related("request")],
        }
    }


def erase(user, *, pseudonym, placeholder) -> None:
    RightRequest.objects.filter(submitted_by=user).update(
        contact_email="verwijderd@samenspel.invalid", contact_phone=""
    )
