"""Demo conversations: a few teams talking with their coach, with someone who joined, and the
parties of an accepted introduction. Through the services, so sides and notifications are real."""

from samenspel.core.demo import DemoContext
from samenspel.initiatives.models import Initiative, Support
from samenspel.marketplace.models import Introduction

from .selectors import case_conversation, introduction_conversation, join_conversation
from .services import message_post

CASE = [
    ("coach", "Goed jullie te spreken vorige week. Zullen we de vergunningsaanvraag samen doorlopen?"),
    ("team", "Graag! Donderdagmiddag kunnen wij, past dat bij u?"),
    ("coach", "Donderdag om 15.00 uur in het wijkcentrum. Neem de tekening van de plek mee."),
]
JOIN = [
    ("team", "Welkom! Fijn dat je meedoet. Zaterdag om 10.00 uur beginnen we; kom je ook?"),
    ("joiner", "Ja, ik ben er. Zal ik handschoenen meenemen?"),
]
INTRODUCTION = [
    ("offer", "Welkom! Stuur gerust jullie begroting, dan kijken we samen naar de aanvraag."),
    ("need", "Dank u, de begroting staat op onze pagina. Volgende week langskomen?"),
]


def seed(ctx: DemoContext) -> None:
    municipality = ctx.municipality
    coached = Initiative.objects.filter(municipality=municipality, coach__isnull=False).select_related(
        "initiator", "coach", "municipality"
    )
    for initiative in coached.order_by("pk")[:3]:
        for who, text in CASE:
            author = initiative.coach if who == "coach" else initiative.initiator
            message_post(conversation=case_conversation(initiative=initiative), author=author, body=text)

    joins = Support.objects.filter(initiative__municipality=municipality, kind=Support.Kind.JOIN).select_related(
        "initiative__initiator", "initiative__municipality", "user"
    )
    seen = set()
    for support in joins.order_by("pk"):
        if support.initiative_id in seen or len(seen) == 3:
            continue
        seen.add(support.initiative_id)
        initiative = support.initiative
        for who, text in JOIN:
            author = initiative.initiator if who == "team" else support.user
            conversation = join_conversation(initiative=initiative, joiner=support.user)
            message_post(conversation=conversation, author=author, body=text)

    accepted = Introduction.objects.filter(municipality=municipality).accepted_by_both().filter(outcome="")
    for introduction in accepted.select_related("need_side_accepted_by", "offer_side_accepted_by")[:2]:
        for side, text in INTRODUCTION:
            author = getattr(introduction, f"{side}_side_accepted_by")
            if author is not None:
                conversation = introduction_conversation(introduction=introduction)
                message_post(conversation=conversation, author=author, body=text)
