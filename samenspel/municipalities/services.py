from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.audit.services import audit_record

from .models import Membership, Municipality, Role


@transaction.atomic
def membership_grant(*, municipality: Municipality, user, role: str, granted_by=None) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Onbekende rol.")})
    membership, created = Membership.objects.get_or_create(user=user, municipality=municipality, role=role)
    if created:
        membership.full_clean()
        if granted_by is not None:
            audit_record(
                municipality=municipality,
                actor=granted_by,
                action="role.granted",
                target=membership,
                summary=_("%(user)s is nu %(role)s")
                % {"user": user.display_name, "role": membership.get_role_display()},
            )
    user.__dict__.pop("_samenspel_roles", None)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, revoked_by, reason: str = "") -> None:
    if membership.user_id == revoked_by.pk and membership.role == Role.ADMIN:
        raise ValidationError(_("U kunt uw eigen beheerdersrol niet intrekken."))
    audit_record(
        municipality=membership.municipality,
        actor=revoked_by,
        action="role.revoked",
        target=membership,
        summary=_("%(user)s is geen %(role)s meer")
        % {"user": membership.user.display_name, "role": membership.get_role_display()},
        reason=reason,
    )
    membership.delete()
