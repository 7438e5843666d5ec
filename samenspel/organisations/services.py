from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from .models import Organisation, OrganisationMembership


@transaction.atomic
def organisation_create(
    *,
    municipality,
    name: str,
    kind: str,
    created_by,
    description: str = "",
    kvk_number: str = "",
    website: str = "",
    neighbourhoods=(),
) -> Organisation:
    organisation = Organisation(
        municipality=municipality,
        name=name.strip(),
        slug=slugify(name)[:50],
        kind=kind,
        description=description,
        kvk_number=kvk_number,
        website=website,
    )
    organisation.full_clean()
    organisation.save()
    organisation.neighbourhoods.set(neighbourhoods)
    OrganisationMembership.objects.create(
        organisation=organisation, user=created_by, is_admin=True, status=OrganisationMembership.Status.APPROVED
    )
    # A new partner of the municipality is on the record: who registered it, and where.
    audit_record(
        municipality=municipality,
        actor=created_by,
        action="organisation.created",
        target=organisation,
        summary=_("%(user)s heeft %(org)s aangemeld als partnerorganisatie")
        % {"user": created_by.display_name, "org": organisation.name},
    )
    created_by.__dict__.pop("_samenspel_org_roles", None)
    return organisation


@transaction.atomic
def membership_request(*, organisation: Organisation, user) -> OrganisationMembership:
    membership, created = OrganisationMembership.objects.get_or_create(organisation=organisation, user=user)
    if not created and membership.status == OrganisationMembership.Status.DECLINED:
        membership.status = OrganisationMembership.Status.REQUESTED
        membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def membership_decide(*, membership: OrganisationMembership, approve: bool, decided_by) -> OrganisationMembership:
    if membership.status != OrganisationMembership.Status.REQUESTED:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    membership.status = OrganisationMembership.Status.APPROVED if approve else OrganisationMembership.Status.DECLINED
    membership.save(update_fields=["status"])
    audit_record(
        municipality=membership.organisation.municipality,
        actor=decided_by,
        action="organisation.member_approved" if approve else "organisation.member_declined",
        target=membership,
        summary=_("Aanvraag van %(user)s bij %(org)s %(verdict)s")
        % {
            "user": membership.user.display_name,
            "org": membership.organisation.name,
            "verdict": _("goedgekeurd") if approve else _("afgewezen"),
        },
    )
    membership.user.__dict__.pop("_samenspel_org_roles", None)
    return membership


@transaction.atomic
def membership_confirm_eherkenning(*, organisation: Organisation, user, kvk_number: str) -> OrganisationMembership:
    """eHerkenning said this person acts for KvK number `kvk_number`: if that is the organisation's,
    they are an approved member without waiting for the organisation's administrator."""
    from django.utils import timezone

    if not organisation.kvk_number or kvk_number.strip() != organisation.kvk_number:
        raise ValidationError(
            _("Het KvK-nummer van uw eHerkenning (%(kvk)s) hoort niet bij %(name)s. Er is niets veranderd.")
            % {"kvk": kvk_number, "name": organisation.name}
        )
    membership, _created = OrganisationMembership.objects.select_for_update().get_or_create(
        organisation=organisation, user=user
    )
    membership.status = OrganisationMembership.Status.APPROVED
    membership.eherkenning_verified_at = timezone.now()
    membership.full_clean()
    membership.save()
    audit_record(
        municipality=organisation.municipality,
        actor=user,
        action="organisations.eherkenning_confirmed",
        summary=_("Medewerker bevestigd met eHerkenning"),
        target=organisation,
    )
    return membership
