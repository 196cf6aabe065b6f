# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from odoo.addons.iap.tools import iap_tools

from ..tools import prospect_keys


class PartnerNetworkMailProvider(models.Model):
    """A mail provider whose domain many small businesses write from.

    Such a domain does not identify a company: two prospects writing from it
    are not the same prospect for that reason. Odoo's own list of mail
    providers applies in any case; this one completes it for the markets of
    the network.
    """

    _name = "partner.network.mail.provider"
    _description = "Mail Provider"
    _order = "name"

    name = fields.Char(
        string="Domain",
        required=True,
        help="Domain of the addresses, such as hotmail.com.ar: prospects writing "
        "from it are not identified by it.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "This mail provider is already listed."),
    ]

    @api.constrains("name")
    def _check_name(self):
        for provider in self:
            if prospect_keys.mail_domain(provider.name) != provider.name:
                raise ValidationError(
                    _(
                        "“%(name)s” is not a mail domain: enter it as "
                        "hotmail.com.ar, for example.",
                        name=provider.name,
                    )
                )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_name(vals)
        providers = super().create(vals_list)
        self.env.registry.clear_cache()
        return providers

    def write(self, vals):
        self._normalize_name(vals)
        result = super().write(vals)
        if {"name", "active"}.intersection(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _normalize_name(self, vals):
        """Write the domain in ``vals`` the way keys are compared: lower case."""
        if vals.get("name"):
            vals["name"] = prospect_keys.mail_domain(vals["name"]) or vals["name"]

    @api.model
    @tools.ormcache()
    def _get_domains(self):
        """Return the domains of the listed providers, cached until the list
        changes."""
        providers = (
            self.sudo().with_context(active_test=True).search_fetch([], ["name"])
        )
        return frozenset(providers.mapped("name"))

    @api.model
    def _is_company_domain(self, domain):
        """Whether ``domain`` identifies a company: it is no mail provider of
        Odoo's list or of this one."""
        return (
            bool(domain)
            and domain not in self._get_domains()
            and iap_tools.mail_prepare_for_domain_search(f"x@{domain}").startswith("@")
        )
