"""Demo comments on Lindeveen's initiatives: mostly warm and practical, a few critical,
two reported and one hidden by the moderator (with the reason shown in its place)."""

import datetime

from django.utils import timezone

from samenspel.core.demo import DemoContext
from samenspel.initiatives.models import Initiative
from samenspel.notifications.services import notification_send

from .models import Comment
from .services import comment_hide, report_create
from .targets import comment_url

# Said about almost any neighbourhood initiative; {title} is filled in.
GENERAL = [
    "Wat een mooi plan! Ik woon twee straten verderop en help graag mee.",
    "Goed dat iemand dit oppakt. Hoe kan ik me aanmelden?",
    "Is er al een datum voor de eerste bijeenkomst? Ik zou er graag bij zijn.",
    "Ik heb dit in Zwolle zien werken, daar hadden ze na een jaar al veertig vrijwilligers.",
    "Top initiatief. Zet het ook in de wijkkrant, niet iedereen zit op internet.",
    "Mijn buurvrouw van 82 zou hier heel blij van worden. Kan ze ook telefonisch meedoen?",
    "Ik kan op zaterdagochtend, doordeweeks lukt het helaas niet.",
    "Hebben jullie al contact met het buurthuis? Daar is op dinsdag een ruimte vrij.",
    "Wat kost het deelnemers? Voor sommige gezinnen in de wijk is elke euro er één.",
    "Prachtig om te zien hoeveel mensen hier al achter staan. Succes!",
    "Ik ben timmerman van beroep, als jullie handjes nodig hebben: laat het weten.",
    "Is {title} ook toegankelijk voor mensen met een rolstoel?",
    "Goed idee, maar denk ook aan de parkeerdruk in de straat als er veel bezoekers komen.",
    "Mijn dochter zit op de basisschool om de hoek; misschien wil de school meedoen?",
    "Kunnen jullie de plannen ook in het Engels of Arabisch delen? Dan bereik je meer buren.",
    "Ik volg {title} sinds het begin. Fijn dat de gemeente nu meedenkt.",
    "Wie is het aanspreekpunt als er iets kapot gaat of als er overlast is?",
    "Doe ik mee! Ik neem koffie en koek mee voor de eerste keer.",
    "Hoe houden jullie het vol na de eerste zomer? Veel initiatieven stoppen als de trekkers verhuizen.",
    "Hebben jullie al subsidie aangevraagd bij het wijkbudget? Daar is dit jaar nog ruimte.",
    "Ik was sceptisch, maar na de informatieavond ben ik om. Netjes geregeld.",
    "Waarom hier en niet in het park? Daar is meer ruimte en minder geluidsoverlast voor omwonenden.",
    "Ik mis in het plan hoe jullie jongeren erbij betrekken. Die zie ik nergens terug.",
    "Let op de privacy van deelnemers als jullie foto's gaan delen.",
]

CRITICAL_REPORTED = "Dit is weer zo'n clubje dat alleen aan zichzelf denkt. Geldverspilling, stop ermee."
PERSONAL_DATA = (
    "Bel gerust Jan Bakker, die woont op Lindelaan 14 en is altijd thuis: 06-12345678. Hij weet er alles van."
)
INITIATOR_REPLIES = [
    "Dank voor de vraag! We zetten het antwoord ook in de volgende nieuwsbrief.",
    "Goed punt, dat nemen we mee naar het overleg met onze coach van de gemeente.",
    "Welkom! Stuur ons een berichtje via ‘Ik doe mee’, dan nemen we contact op.",
]


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    initiatives = list(
        Initiative.objects.filter(municipality=ctx.municipality, is_hidden=False)
        .select_related("initiator", "municipality")
        .order_by("pk")
    )
    if not initiatives or not ctx.residents:
        return
    people = list(ctx.residents)
    now = timezone.now()
    made = []
    for index, initiative in enumerate(initiatives):
        if index % 4 == 3:  # not every initiative gets talked about
            continue
        texts = rng.sample(GENERAL, rng.randint(3, 8))
        start = max(initiative.submitted_at, now - datetime.timedelta(days=60))
        span = max((now - start).total_seconds(), 3600)
        moments = sorted(start + datetime.timedelta(seconds=rng.uniform(0, span * 0.95)) for _ in texts)
        for text, moment in zip(texts, moments, strict=True):
            author = rng.choice(people)
            comment = _comment(initiative, author, text.format(title=initiative.title))
            made.append((comment, moment))
            if rng.random() < 0.25:  # the initiator answers now and then
                reply = _comment(initiative, initiative.initiator, rng.choice(INITIATOR_REPLIES))
                made.append((reply, moment + datetime.timedelta(hours=rng.randint(2, 30))))
    for comment, moment in made:
        Comment.objects.filter(pk=comment.pk).update(created=min(moment, now))

    # Two comments reported: one still open in the queue, one hidden by the moderator.
    moderator = ctx.accounts.get("moderator")
    reporter = ctx.accounts.get("resident") or people[0]
    first, second = initiatives[0], initiatives[min(1, len(initiatives) - 1)]
    critical = _comment(first, people[-1], CRITICAL_REPORTED)
    report_create(comment=critical, reporter=reporter, reason="offensive", explanation="Toon is onnodig vijandig.")
    report_create(comment=critical, reporter=people[1], reason="other")
    leaked = _comment(second, people[-2], PERSONAL_DATA)
    report_create(
        comment=leaked,
        reporter=people[2],
        reason="personal_data",
        explanation="Adres en telefoonnummer van een buur.",
    )
    if moderator is not None:
        comment_hide(
            comment=leaked,
            moderator=moderator,
            reason="Bevatte het adres en telefoonnummer van iemand anders. Deel die alleen met toestemming.",
        )

    # The demo initiator has a few unread notifications waiting in their list.
    initiator = ctx.accounts.get("initiator")
    if initiator is not None:
        own = [c for c, _m in made if c.target.initiator_id == initiator.pk and c.author_id != initiator.pk][:4]
        for comment in own:
            notification_send(
                users=[initiator],
                title=f"Nieuwe reactie bij {comment.target.title}",
                body=comment.text[:200],
                url=comment_url(comment),
                municipality=ctx.municipality,
            )


def _comment(subject, author, text: str) -> Comment:
    """A comment written in the past: no rate limit and no notifications, unlike comment_create."""
    comment = Comment(target=subject, municipality=subject.municipality, author=author, text=text)
    comment.full_clean()
    comment.save()
    return comment
