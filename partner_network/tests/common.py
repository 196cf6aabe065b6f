# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, TransactionCase, get_db_name, new_test_user
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# How long a transaction of RealTransactionCase._race waits for the others to
# reach the start; generous, the machine may be busy
BARRIER_TIMEOUT = 120  # seconds


class PartnerNetworkCommon(TransactionCase):
    """Two companies, network users and managers, and a small network."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        ref = cls.env.ref
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Master Company B"})

        cls.category_reseller = ref("partner_network.partner_network_category_reseller")
        cls.category_isv = ref("partner_network.partner_network_category_isv")
        cls.category_sponsor = ref("partner_network.partner_network_category_sponsor")
        cls.category_alliance = ref("partner_network.partner_network_category_alliance")
        cls.role_orientador = ref("partner_network.partner_network_role_orientador")
        cls.role_mediador = ref("partner_network.partner_network_role_mediador")
        cls.tier_silver = ref("partner_network.partner_network_tier_reseller_silver")
        cls.tier_gold = ref("partner_network.partner_network_tier_reseller_gold")
        cls.tier_sponsor = ref("partner_network.partner_network_tier_sponsor")

        cls.user_a = cls._new_user("pn_user_a", "partner_network.group_network_user")
        cls.manager_a = cls._new_user(
            "pn_manager_a", "partner_network.group_network_manager"
        )
        cls.user_b = cls._new_user(
            "pn_user_b", "partner_network.group_network_user", cls.company_b
        )
        cls.manager_b = cls._new_user(
            "pn_manager_b", "partner_network.group_network_manager", cls.company_b
        )
        cls.internal_user = cls._new_user("pn_internal", "base.group_user")

        cls.reseller = cls.env["res.partner"].create(
            {
                "name": "Reseller Uno, S.L.",
                "is_company": True,
                "network_category_ids": [Command.set(cls.category_reseller.ids)],
                "network_tier_id": cls.tier_silver.id,
                "network_state": "active",
            }
        )
        cls.reseller_two = cls.env["res.partner"].create(
            {
                "name": "Reseller Dos SRL",
                "is_company": True,
                "network_category_ids": [Command.set(cls.category_reseller.ids)],
                "network_tier_id": cls.tier_gold.id,
                "network_state": "active",
            }
        )
        cls.sponsor = cls.env["res.partner"].create(
            {
                "name": "Sofía Sponsor",
                "network_category_ids": [Command.set(cls.category_sponsor.ids)],
                "network_role_ids": [Command.set(cls.role_orientador.ids)],
                "network_tier_id": cls.tier_sponsor.id,
            }
        )

    @classmethod
    def _new_user(cls, login, groups, company=None):
        company = company or cls.company_a
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _new_portal_user(cls, login, partner, company=None):
        """A portal user of ``partner``: a contact of it when it is a company;
        its password is its login."""
        contact = partner
        if partner.is_company:
            contact = cls.env["res.partner"].create(
                {
                    "name": f"{login} contact",
                    "parent_id": partner.id,
                    "email": f"{login}@example.com",
                }
            )
        company = company or cls.company_a
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": contact.id,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
                }
            )
        )

    @classmethod
    def _activate_portal_lang(cls, code):
        """Activate the language ``code`` for portal pages: on the websites
        too when the website module is installed, as its pages speak only the
        languages of the website."""
        lang = cls.env["res.lang"]._activate_lang(code)
        if "website" in cls.env:
            cls.env["website"].search([]).language_ids |= lang
        return lang

    @classmethod
    def _new_agreement(cls, partner, company=None, **values):
        """An agreement of ``partner``; given a ``state``, it is set up as data
        (as superuser, like demo data), the actions being what tests try."""
        Agreement = cls.env["partner.network.agreement"]
        if "state" in values:
            Agreement = Agreement.sudo()
        agreement = Agreement.create(
            {
                "partner_id": partner.id,
                "company_id": (company or cls.company_a).id,
                "date_start": "2026-01-01",
                **values,
            }
        )
        return agreement.with_env(cls.env)

    def _track(self, records):
        """Write the tracking values that Odoo defers to the end of the
        transaction, as its commit does (mail's own tests flush the same way)."""
        self.env.cr.flush()
        return records

    @contextmanager
    def assertRefused(self, exception, message):
        """Assert the block fails with ``message`` and, as a failed request,
        rolls back; the test then checks that nothing was left behind."""
        with self.assertRaisesRegex(exception, message), self.cr.savepoint():
            yield


class PageAssertions:
    """Assertions on portal pages that do not print the whole page."""

    def assertInPage(self, needle, page):
        self.assertTrue(needle in page, f"{needle!r} is not in the page")

    def assertNotInPage(self, needle, page):
        self.assertFalse(needle in page, f"{needle!r} is in the page")

    def assertSamePage(self, page, other):
        """Same page but for the CSRF token of the session and, when the
        website is installed, the page's own address in its head."""
        own = re.compile(
            r'csrf_token: "\w+"'
            r'|<meta property="og:url"[^>]*>|<link rel="canonical"[^>]*>'
        )
        self.assertEqual(own.sub("", page), own.sub("", other))


class RealTransactionCase(BaseCase):
    """Tests whose transactions commit in cursors of their own, as requests
    and crons do; subclasses remove what they committed in
    ``_remove_committed_data``, also after a failure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        # Odoo's test runner holds the registry lock while it runs the tests:
        # like its own test mode, let the worker threads look the registry up.
        cls.startClassPatcher(patch.object(Registry, "_lock", DummyRLock()))
        cls.addClassCleanup(cls._remove_committed_data)

    @classmethod
    def _remove_committed_data(cls):
        raise NotImplementedError

    @staticmethod
    def _remove_registrations_and_agreements(partners):
        """Delete what the partners registered and the agreements they hold."""
        partners.env["crm.lead"].with_context(active_test=False).search(
            [("registration_partner_id", "in", partners.ids)]
        ).unlink()
        agreements = partners.network_agreement_ids
        agreements.write({"state": "draft"})
        agreements.unlink()

    @classmethod
    @contextmanager
    def _transaction(cls):
        """A committed transaction of its own, as a worker or a cron has."""
        with cls.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def _race(self, before, **works):
        """Run each work in its own transaction, at once; return, per work,
        (attempts, result).

        ``before(env)`` runs first in each transaction and reads the starting
        state: that fixes the transaction's snapshot before any of the others
        commits. Each work is retried on serialization failures like a request.
        """
        barrier = threading.Barrier(len(works))

        def run(name):
            with self._transaction() as env:
                before(env)
                barrier.wait(timeout=BARRIER_TIMEOUT)
                attempts = 0

                def attempt():
                    nonlocal attempts
                    attempts += 1
                    return works[name](env)

                result = retrying(attempt, env)
                return attempts, result

        with (
            mute_logger("odoo.sql_db", "odoo.service.model"),
            ThreadPoolExecutor(max_workers=len(works)) as executor,
        ):
            return dict(zip(works, executor.map(run, works), strict=True))

    def _assert_one_retried(self, outcomes):
        """Both transactions overlapped: exactly one lost and was retried."""
        attempts = sorted(attempts for attempts, _result in outcomes.values())
        self.assertEqual(attempts[0], 1, outcomes)
        self.assertGreater(attempts[-1], 1, outcomes)
