# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The batched cron runner every scheduled action of the suite uses.

A cron method processes one batch per call and reports ``done`` and
``remaining`` with ``ir.cron._notify_progress``: Odoo's cron runner commits
and calls it again while records remain, so a long job never commits itself.
What a batch did leaves its records out of the next search, so a run that
crashed is simply run again.
"""

import logging

from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

_logger = logging.getLogger(__name__)


def run_cron_batch(
    records, process, batch_size, *, domain=None, retrigger=None, logger=_logger
):
    """Apply ``process`` to one batch of ``records`` and report the progress.

    With ``domain``, ``records`` is the model (with the context to search in)
    and the batch its first ``batch_size`` records matching ``domain`` in id
    order; without, the batch is the first ``batch_size`` of ``records``.
    ``process(batch)`` runs in a savepoint; if it fails, each record is
    retried in its own savepoint so that one bad record does not block the
    others (it is logged on ``logger`` and left for the next run). A record
    that a concurrent transaction changed (a serialization failure, a
    deadlock or a lock not available, as Odoo retries them for requests) is
    not an error: it is logged as information and left for the next run,
    which sees the other transaction's change.
    ``retrigger``, a cron, is triggered while records remain, so that the
    next call comes also after "Run Manually", which calls a cron only once.
    Returns the batch.
    """
    if domain is None:
        batch = records[:batch_size]
    else:
        batch = records.search(domain, order="id", limit=batch_size)
    _process_isolated(batch, process, logger)
    if domain is None:
        remaining = len(records) - len(batch)
    elif len(batch) == batch_size:
        remaining = records.search_count(domain)
    else:
        remaining = 0
    batch.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
    if retrigger and remaining:
        retrigger._trigger()
    return batch


def _process_isolated(batch, process, logger):
    """Run ``process(batch)``, falling back to one savepoint per record."""
    whole = f"Batch of {len(batch)} {batch._name}"
    if _process_in_savepoint(
        batch, process, logger, whole, "retrying record by record", logging.WARNING
    ):
        return
    for record in batch:
        _process_in_savepoint(
            record,
            process,
            logger,
            f"{record._name} {record.id}",
            "left for the next run",
            logging.ERROR,
        )


def _process_in_savepoint(records, process, logger, what, then, failure_level):
    """Run ``process(records)`` in a savepoint; return whether it succeeded.
    A failure is logged at ``failure_level`` with its traceback, or as
    information when it is a conflict with a concurrent transaction."""
    try:
        with records.env.cr.savepoint():
            process(records)
    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
        logger.info(
            "%s met a concurrent transaction (%s), %s", what, error.pgcode, then
        )
    except Exception:
        logger.log(failure_level, "%s failed, %s", what, then, exc_info=True)
    else:
        return True
    return False
