"""Who sees which signals.

The public dashboard (aggregate figures only, behind the privacy threshold) and a published
participation report are for everyone. The full dashboard (non-public agreements counted,
the topics refreshed) is the desk's: the municipality's coaches and administrators. A report
is generated and published by an administrator: it is the municipality's account to its
residents and its council.
"""

import rules

from samenspel.municipalities.models import Role
from samenspel.municipalities.rules import role_of

is_signals_staff = role_of(Role.COACH, Role.ADMIN, via=lambda municipality: municipality, name="is_signals_staff")
is_admin = role_of(Role.ADMIN, via=lambda municipality: municipality, name="is_signals_admin")
is_report_admin = role_of(Role.ADMIN, via="municipality", name="is_report_admin")
is_report_staff = role_of(Role.COACH, Role.ADMIN, via="municipality", name="is_report_staff")


@rules.predicate
def is_published(user, report) -> bool:
    return report is not None and report.published_at is not None


@rules.predicate
def is_ready(user, report) -> bool:
    return report is not None and report.generated_at is not None


# Object: the municipality.
rules.add_perm("insights.view_dashboard", is_signals_staff)
rules.add_perm("insights.refresh_topics", is_signals_staff)
rules.add_perm("insights.generate_report", is_admin)
# Object: the report.
rules.add_perm("insights.view_report", is_published | (is_ready & is_report_staff))
rules.add_perm("insights.publish_report", is_report_admin & is_ready)
