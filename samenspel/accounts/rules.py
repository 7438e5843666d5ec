"""Who may change an account: only the person it belongs to (the object is the account)."""

import rules


@rules.predicate
def is_account_holder(user, account) -> bool:
    return account is not None and user.is_authenticated and user.pk == account.pk


rules.add_perm("accounts.change_profile", is_account_holder)
rules.add_perm("accounts.delete_account", is_account_holder)
rules.add_perm("accounts.export_data", is_account_holder)
