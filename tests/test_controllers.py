"""Static checks of the portal controllers.

* a route that accepts POST keeps Odoo's CSRF check;
* ``sudo()`` is only called on records that the function found itself through
  ``search`` in the user's own environment (so access rights and record rules
  decided first), never on ``request.env`` directly.
"""

import ast

import pytest

from conftest import ADDONS, ROOT

CONTROLLERS = sorted(
    path for addon in ADDONS for path in (ROOT / addon / "controllers").glob("*.py")
)
# Calls that look records up in the user's environment (the portal helpers
# are themselves searches).
LOOKUPS = {"search", "_portal_list_values", "_portal_record"}


def _routes(tree):
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and getattr(decorator.func, "attr", None) == "route"
            ):
                yield node, {kw.arg: kw.value for kw in decorator.keywords}


def _calls(node, name):
    return [
        call
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and getattr(call.func, "attr", None) == name
    ]


def test_controllers_exist():
    """The checks below see the controllers of every addon that has some, the
    two portals of the core addons among them."""
    with_controllers = {
        addon for addon in ADDONS if (ROOT / addon / "controllers").is_dir()
    }
    assert {"partner_network", "partner_commission"} <= with_controllers
    assert {path.parent.parent.name for path in CONTROLLERS} == with_controllers


@pytest.mark.parametrize("path", CONTROLLERS, ids=lambda path: path.parent.parent.name)
def test_post_routes_keep_csrf(path):
    for function, keywords in _routes(ast.parse(path.read_text())):
        methods = keywords.get("methods")
        accepts_post = methods is None or "POST" in ast.literal_eval(methods)
        csrf = keywords.get("csrf")
        if accepts_post and csrf is not None:
            assert ast.literal_eval(csrf) is not False, function.name


@pytest.mark.parametrize("path", CONTROLLERS, ids=lambda path: path.parent.parent.name)
def test_sudo_only_after_a_lookup(path):
    tree = ast.parse(path.read_text())
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    for function in functions:
        looked_up = set()
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and any(
                getattr(call.func, "attr", None) in LOOKUPS
                for call in ast.walk(node.value)
                if isinstance(call, ast.Call)
            ):
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            looked_up.add(name.id)
        for call in _calls(function, "sudo"):
            receiver = call.func.value
            assert isinstance(receiver, ast.Name), (
                f"{path.name}:{call.lineno}: sudo() on an expression, not on "
                "records found by the function"
            )
            assert receiver.id in looked_up, (
                f"{path.name}:{call.lineno}: sudo() on {receiver.id!r}, which "
                "was not looked up with search() in the user's environment"
            )
