"""pytest hooks shared by the Odoo-free tier and pytest-odoo."""

# Tag of the tests that drive a real browser: scripts/run_tests.py runs them
# with Odoo's own runner (--test-tags), so pytest-odoo leaves them out.
BROWSER_TAG = "partner_program_browser"


def pytest_collection_modifyitems(config, items):
    browser = [
        item
        for item in items
        if BROWSER_TAG in getattr(getattr(item, "cls", None), "test_tags", ())
    ]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if item not in browser]
