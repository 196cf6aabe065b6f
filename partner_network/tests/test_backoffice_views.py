# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .registration_common import RegistrationCommon

REVIEW_SUMMARY = "Accept or reject the registration before its deadline"
REVIEW_SUMMARY_ES = "Acepte o rechace el registro antes de su fecha límite"


class TestBackofficeViews(RegistrationCommon):
    """What network users and managers see and are shown in the back office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.review_type = cls.env.ref(
            "partner_network.mail_activity_type_registration_review"
        )
        cls.review_type.update_field_translations(
            "summary", {"es_ES": REVIEW_SUMMARY_ES}
        )
        cls.user_es = new_test_user(
            cls.env,
            login="pn_user_es",
            groups="partner_network.group_network_user",
            lang="es_ES",
        )

    def _form_arch(self, model, user):
        """The form view of ``model`` as ``user`` receives it."""
        views = self.env[model].with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def _shown(self, node, values):
        """Whether ``node`` and all its ancestors are visible for a record
        holding ``values``."""
        return not any(
            element.get("invisible")
            and safe_eval(element.get("invisible"), dict(values))
            for element in (node, *node.iterancestors())
        )

    def test_network_user_sees_network_status(self):
        """A Network User sees a partner's network status, read only; only
        managers get the buttons that change it."""
        for user, manages in ((self.user_a, False), (self.manager_a, True)):
            with self.subTest(user=user.login):
                arch = self._form_arch("res.partner", user)
                (status,) = arch.xpath(
                    "//page[@name='partner_network']"
                    "//field[@name='network_state'][@widget='statusbar']"
                )
                self.assertEqual(status.get("readonly"), "1")
                self.assertEqual(
                    bool(arch.xpath("//button[@name='action_network_suspend']")),
                    manages,
                )

    def test_tier_benefits_not_summed(self):
        """Grouping tiers sums none of their benefits: each belongs to one tier."""
        benefits = ["protection_days", "max_open_registrations"]
        benefits.append("subnetwork_bonus_percent")
        Tier = self.env["partner.network.tier"].with_user(self.manager_a)
        for name, description in Tier.fields_get(benefits, ["aggregator"]).items():
            with self.subTest(field=name):
                self.assertNotIn("aggregator", description)
        (group,) = Tier.read_group(
            [("category_id", "=", self.category_reseller.id)],
            benefits,
            ["category_id"],
        )
        self.assertGreater(group["category_id_count"], 1)
        for name in benefits:
            with self.subTest(field=name):
                self.assertNotIn(name, group)

    def test_company_name_next_to_the_contact(self):
        """On a registration the company name, which submission requires,
        shows once, with the contact rather than in a tab; elsewhere once, as
        in CRM."""
        arch = self._form_arch("crm.lead", self.user_a)
        for values, in_tab in (
            ({"type": "opportunity", "registration_state": "draft"}, False),
            ({"type": "opportunity", "registration_state": "submitted"}, False),
            ({"type": "opportunity", "registration_state": False}, True),
            ({"type": "lead", "registration_state": "draft"}, False),
            ({"type": "lead", "registration_state": False}, False),
        ):
            with self.subTest(**values):
                # the form's own fields, not those of its x2many lists
                shown = [
                    node
                    for node in arch.xpath(
                        "//field[@name='partner_name'][not(ancestor::field)]"
                    )
                    if self._shown(node, {"is_partner_visible": True, **values})
                ]
                self.assertEqual(len(shown), 1)
                self.assertEqual(bool(shown[0].xpath("ancestor::notebook")), in_tab)

    def test_review_activity_in_reviewer_language(self):
        """The review activity reads in its reviewer's language, whichever
        language the registration was submitted in."""
        for reviewer_lang, summary in (
            ("en_US", REVIEW_SUMMARY),
            ("es_ES", REVIEW_SUMMARY_ES),
        ):
            with self.subTest(reviewer_lang=reviewer_lang):
                self.user_a.lang = reviewer_lang
                submitter_lang = "es_ES" if reviewer_lang == "en_US" else "en_US"
                self.user_es.lang = submitter_lang
                registration = self._new_registration(
                    self.sponsor,
                    partner_name=f"Prospect {reviewer_lang}",
                    registration_vat=False,
                    email_from=f"info@prospect-{reviewer_lang.lower()}.example",
                )
                registration.with_user(self.user_es).with_context(
                    lang=submitter_lang
                ).action_registration_submit()
                self.assertRecordValues(
                    registration.activity_ids,
                    [
                        {
                            "activity_type_id": self.review_type.id,
                            "user_id": self.user_a.id,
                            "summary": summary,
                        }
                    ],
                )
