# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from odoo.addons.base.models.res_partner import _lang_get
from odoo.addons.partner_network.models.partner_network_agreement import (
    AGREEMENT_RUNNING_STATES,
)
from odoo.addons.partner_network.tools import prospect_keys
from odoo.addons.partner_network.tools.access import NETWORK_MANAGER_GROUP, check_group

APPLICATION_STATES = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
]


class PartnerNetworkApplication(models.Model):
    """An application to join the partner network, sent from the website.

    Nothing exists in the network before a network manager accepts it: then
    the applicant becomes a candidate partner (or the existing partner it is
    is linked), with a draft agreement and portal access.
    """

    _name = "partner.network.application"
    _description = "Partner Network Application"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "contact_name", "email"]

    # Fields the decision sets: only the actions write them (see
    # _workflow_write), for every user.
    _workflow_fields = {"state", "partner_id", "agreement_id", "rejection_reason"}

    # Applicant
    name = fields.Char(
        string="Applicant",
        required=True,
        tracking=True,
        help="Name of the organisation, or of the person for an individual.",
    )
    is_company = fields.Boolean(
        string="Organisation",
        default=True,
        tracking=True,
        help="The applicant is an organisation (a legal person), not an individual.",
    )
    contact_name = fields.Char(tracking=True)
    email = fields.Char(required=True, tracking=True)
    phone = fields.Char(tracking=True)
    vat = fields.Char(string="Tax ID", tracking=True)
    website = fields.Char(tracking=True)
    country_id = fields.Many2one("res.country", required=True, tracking=True)
    industry_id = fields.Many2one(
        "res.partner.industry", string="Sector", tracking=True
    )
    lang = fields.Selection(
        _lang_get,
        string="Language",
        default=lambda self: self.env.lang,
        help="Language of the applicant: its mails, its partner and its portal "
        "invitation use it.",
    )
    # What it applies for
    category_ids = fields.Many2many(
        "partner.network.category",
        "partner_network_application_category_rel",
        "application_id",
        "category_id",
        string="Categories",
        required=True,
        tracking=True,
    )
    role_ids = fields.Many2many(
        "partner.network.role",
        "partner_network_application_role_rel",
        "application_id",
        "role_id",
        string="Roles",
        tracking=True,
        domain="[('category_id', 'in', category_ids)]",
    )
    message = fields.Text(help="What the applicant wrote to the network.")
    company_id = fields.Many2one(
        "res.company",
        string="Master Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
        help="Master company that reviews the application and signs the agreement.",
    )
    # Decision
    state = fields.Selection(
        APPLICATION_STATES,
        string="Status",
        required=True,
        readonly=True,
        default="new",
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="Network partner the accepted applicant is.",
    )
    agreement_id = fields.Many2one(
        "partner.network.agreement",
        string="Agreement",
        readonly=True,
        copy=False,
        check_company=True,
        help="Agreement with the master company prepared on acceptance.",
    )
    rejection_reason = fields.Text(
        readonly=True,
        copy=False,
        tracking=True,
        help="Sent to the applicant by email.",
    )
    match_partner_id = fields.Many2one(
        "res.partner",
        string="Existing Partner",
        compute="_compute_match_partner_id",
        help="Partner found with the same tax ID or company email domain: "
        "accepting links the application to it instead of creating a partner.",
    )
    remote_address_key = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="Keyed hash of the network address the application came from: it "
        "counts the applications of an address, and never reveals it.",
    )

    @api.depends("vat", "country_id", "email", "is_company", "company_id", "state")
    def _compute_match_partner_id(self):
        for application in self:
            application.match_partner_id = (
                application._match_partner()
                if application.state == "new"
                else application.partner_id
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # defaults count too: given in the context, they would skip the
            # workflow as well
            defaults = self.default_get(list(self._workflow_fields))
            for vals in vals_list:
                self._check_workflow_fields(
                    name
                    for name in self._workflow_fields
                    if vals.get(name, defaults.get(name)) not in (None, False, "new")
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_workflow_fields(vals)
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_accept(self):
        """Accept new applications: each applicant becomes a candidate partner
        (or its existing partner is linked), with a draft agreement with the
        master company and a portal user invited in its language."""
        self._check_decision_rights()
        self._check_new(_("Only new applications can be accepted."))
        for application in self:
            partner = application._accept_partner()
            agreement = application._accept_agreement(partner)
            application._workflow_write(
                {
                    "state": "accepted",
                    "partner_id": partner.id,
                    "agreement_id": agreement.id,
                }
            )
            application._grant_portal_access(partner)
            partner.message_post(
                body=_(
                    "Joined the partner network through the application %(link)s.",
                    link=application._get_html_link(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._close_review()
        return True

    def action_reject(self, reason):
        """Reject new applications and mail ``reason`` to each applicant, in
        its language."""
        self._check_decision_rights()
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(
                _("Give the reason of the rejection: the applicant receives it.")
            )
        self._check_new(_("Only new applications can be rejected."))
        self._workflow_write({"state": "rejected", "rejection_reason": reason})
        self._close_review()
        self._send_applicant_mail(
            "partner_network_website.mail_template_application_rejected"
        )
        return True

    def action_view_partner(self):
        """Open the partner the application was accepted as."""
        self.ensure_one()
        return self.partner_id._get_records_action()

    # ------------------------------------------------------------
    # BUSINESS: decision
    # ------------------------------------------------------------

    def _check_decision_rights(self):
        """Refuse application decisions to whoever is not a network manager."""
        check_group(
            self.env,
            NETWORK_MANAGER_GROUP,
            _("Only network managers can accept or reject applications."),
        )

    def _check_new(self, message):
        if any(application.state != "new" for application in self):
            raise UserError(message)

    def _check_workflow_fields(self, field_names):
        """Refuse to set the decision outside the actions (see
        _workflow_write), whoever the user is."""
        if self._workflow_fields.intersection(field_names):
            raise UserError(
                _(
                    "The status, partner, agreement and rejection reason of an "
                    "application are set by accepting or rejecting it, not by "
                    "editing it."
                )
            )

    def _workflow_write(self, vals):
        """Write ``vals``, decision fields included, for an action that
        checked the transition; the user's right to write the records is
        checked as for any write."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _match_partner(self):
        """Return the existing partner the applicant is, or an empty recordset.

        Found by the stored keys of partner_network: the normalized tax ID;
        for an organisation, the web domain of its email when that domain
        identifies a company (never a mail provider's); for an individual,
        the same email. Partners of another company are not looked at.
        """
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        scope = [("company_id", "in", [self.company_id.id, False])]
        vat = prospect_keys.vat_key(self.vat, self.country_id.code)
        if vat:
            partner = Partner.search(
                [*scope, ("network_key_vat", "=", vat)],
                order="is_company desc, id",
                limit=1,
            )
            if partner:
                return partner.commercial_partner_id
        email = email_normalize(self.email or "")
        if not email:
            return Partner
        if not self.is_company:
            return Partner.search(
                [
                    *scope,
                    ("email_normalized", "=", email),
                    ("parent_id", "=", False),
                    ("is_company", "=", False),
                ],
                order="id",
                limit=1,
            )
        domain = prospect_keys.email_domain(email)
        if not self.env["partner.network.mail.provider"]._is_company_domain(domain):
            return Partner
        partner = Partner.search(
            [
                *scope,
                "|",
                ("network_key_email_domain", "=", domain),
                ("network_key_domain", "=", domain),
            ],
            order="is_company desc, id",
            limit=1,
        )
        return partner.commercial_partner_id

    def _prepare_partner_vals(self):
        """Values of the partner an accepted applicant becomes."""
        self.ensure_one()
        contact = {
            "email": self.email,
            "phone": self.phone,
            "lang": self.lang,
        }
        vals = {
            **contact,
            "name": self.name,
            "is_company": self.is_company,
            "vat": self.vat,
            "website": self.website,
            "country_id": self.country_id.id,
            "industry_id": self.industry_id.id,
            "network_country_ids": [Command.set(self.country_id.ids)],
            "network_industry_ids": [Command.set(self.industry_id.ids)],
            "network_master_company_id": self.company_id.id,
            "network_manager_id": self.env.user.id
            if not self.env.user.share
            else False,
        }
        if self.is_company:
            vals["child_ids"] = [
                Command.create(
                    {
                        **contact,
                        "name": self.contact_name or self.email,
                        "type": "contact",
                    }
                )
            ]
        return vals

    def _accept_partner(self):
        """Return the partner of the accepted applicant, in the network as a
        candidate with the requested categories and roles: the existing
        partner it is, or a new one."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        partner = Partner.browse(self._match_partner().id)
        if not partner:
            partner = Partner.create(self._prepare_partner_vals())
        elif partner.network_state == "terminated":
            partner.action_network_reset_candidate()
        partner.write(
            {
                "network_category_ids": [
                    Command.link(category.id) for category in self.category_ids
                ],
                "network_role_ids": [Command.link(role.id) for role in self.role_ids],
            }
        )
        return partner

    def _accept_agreement(self, partner):
        """Return the running agreement of ``partner`` with the master
        company, or a new draft one."""
        self.ensure_one()
        Agreement = self.env["partner.network.agreement"]
        agreement = Agreement.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", self.company_id.id),
                ("counterparty_type", "=", "master"),
                ("state", "in", AGREEMENT_RUNNING_STATES),
            ],
            limit=1,
        )
        return agreement or Agreement.create(
            {
                "partner_id": partner.id,
                "counterparty_type": "master",
                "company_id": self.company_id.id,
            }
        )

    def _portal_contact(self, partner):
        """The contact of ``partner`` who gets the portal access: the partner
        itself for an individual; else its contact with the applicant's
        email, created when there is none."""
        self.ensure_one()
        if not partner.is_company:
            if not partner.email:
                partner.email = self.email
            return partner
        email = email_normalize(self.email)
        contact = partner.child_ids.filtered(
            lambda child: child.email_normalized == email
        )[:1]
        return contact or self.env["res.partner"].create(
            {
                "parent_id": partner.id,
                "type": "contact",
                "name": self.contact_name or self.email,
                "email": self.email,
                "phone": self.phone,
                "lang": self.lang,
            }
        )

    def _grant_portal_access(self, partner):
        """Give the applicant's contact a portal user, invited by Odoo's portal
        wizard in the contact's language; a contact that already has a user
        keeps it."""
        self.ensure_one()
        contact = self._portal_contact(partner)
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .with_company(self.company_id)
            .create({"partner_ids": [Command.set(contact.ids)]})
        )
        wizard_user = wizard.user_ids
        if not (wizard_user.is_portal or wizard_user.is_internal):
            wizard_user.action_grant_access()
        return wizard_user.user_id

    def _close_review(self):
        self.activity_unlink(
            ["partner_network_website.mail_activity_type_application_review"]
        )

    def _send_applicant_mail(self, template_xmlid):
        """Mail the applicants with ``template_xmlid``, each in its language;
        no partner is created for them."""
        template = self.env.ref(template_xmlid).sudo()
        for application in self:
            template.send_mail(application.id)

    def _schedule_review(self):
        """Give each network manager of the application's company an activity
        to review it, in the manager's language."""
        Partner = self.env["res.partner"]
        for company, applications in self.grouped("company_id").items():
            for manager in Partner._network_managers_of(company):
                applications.with_context(lang=manager.lang).activity_schedule(
                    "partner_network_website.mail_activity_type_application_review",
                    user_id=manager.id,
                )
