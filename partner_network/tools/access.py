# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The permission guard of the methods that only some groups may call.

Buttons, RPC calls and other modules' code reach those methods alike: each
checks here, once, that the user is in the group (the superuser always is).
"""

from odoo.exceptions import AccessError

NETWORK_USER_GROUP = "partner_network.group_network_user"
NETWORK_MANAGER_GROUP = "partner_network.group_network_manager"


def in_group(env, group_xmlid):
    """Whether the user of ``env`` is the superuser or in the group."""
    return env.su or env.user.has_group(group_xmlid)


def check_group(env, group_xmlid, message):
    """Raise an AccessError saying ``message`` unless ``in_group``."""
    if not in_group(env, group_xmlid):
        raise AccessError(message)
