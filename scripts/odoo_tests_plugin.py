"""pytest plugin of the compatibility tier: leave Odoo's browser tours out.

The tier runs Odoo's own test files with pytest-odoo. Their tests that drive
a browser (``start_tour``, ``browser_js``) belong to Odoo's runner and are out
of the tier's scope: they are deselected, so that pytest counts them as such.
"""

import inspect
import re

BROWSER_CALL = re.compile(r"\.(start_tour|browser_js)\(")


def drives_browser(item):
    """Whether the test method of ``item`` starts a browser."""
    try:
        source = inspect.getsource(item.obj)
    except (AttributeError, TypeError, OSError):
        return False
    return bool(BROWSER_CALL.search(source))


def pytest_collection_modifyitems(config, items):
    tours = [item for item in items if drives_browser(item)]
    if tours:
        config.hook.pytest_deselected(items=tours)
        left_out = {id(item) for item in tours}
        items[:] = [item for item in items if id(item) not in left_out]
