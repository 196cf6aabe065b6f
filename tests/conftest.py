"""Shared fixtures of the Odoo-free tier: the addons as data, no Odoo import."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from odoo_env import ADDONS  # noqa: E402 - scripts/ is importable from here on


@pytest.fixture(params=ADDONS)
def addon(request):
    """Directory of one of our addons."""
    return ROOT / request.param


def manifest_of(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text())


def own_model_names():
    """Map each model the addons define (``_name``) to its source file;
    abstract models (report values, mixins) have no table, so no access, and
    an extension that names its model to add a mixin to it
    (``_name = "sale.order"``, ``_inherit = ["sale.order", mixin]``) defines
    nothing."""
    names = {}
    for addon in ADDONS:
        for path in (ROOT / addon).glob("**/*.py"):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.ClassDef) or any(
                    getattr(base, "attr", None) == "AbstractModel"
                    for base in node.bases
                ):
                    continue
                attrs = {
                    target.id: stmt.value
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    for target in stmt.targets
                    if isinstance(target, ast.Name)
                }
                name = attrs.get("_name")
                if not isinstance(name, ast.Constant):
                    continue
                inherits = attrs.get("_inherit")
                parents = inherits.elts if isinstance(inherits, ast.List) else []
                if not any(getattr(p, "value", None) == name.value for p in parents):
                    names[name.value] = path
    return names
