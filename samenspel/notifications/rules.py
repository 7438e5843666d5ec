"""Notifications belong to one person: only they mark them read or choose how to be told.

The object is the account whose notifications they are.
"""

import rules

from samenspel.accounts.rules import is_account_holder

rules.add_perm("notifications.mark_read", is_account_holder)
rules.add_perm("notifications.change_preferences", is_account_holder)
