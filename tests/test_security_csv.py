"""Every model has access rights, and the rights name existing models and groups."""

import csv

from lxml import etree

from conftest import ADDONS, ROOT, own_model_names


def _access_rows():
    rows = []
    for addon in ADDONS:
        path = ROOT / addon / "security" / "ir.model.access.csv"
        if path.exists():
            with open(path, newline="") as handle:
                rows += [dict(row, addon=addon) for row in csv.DictReader(handle)]
    return rows


def _groups_defined():
    groups = set()
    for addon in ADDONS:
        for path in (ROOT / addon / "security").glob("*.xml"):
            for record in etree.parse(str(path)).iter("record"):
                if record.get("model") == "res.groups":
                    groups.add(record.get("id"))
    return groups


def test_every_model_has_access_rights():
    covered = {row["model_id:id"] for row in _access_rows()}
    for name in own_model_names():
        assert f"model_{name.replace('.', '_')}" in covered, f"{name} has no access"


def test_access_rows_are_consistent():
    models = {f"model_{name.replace('.', '_')}" for name in own_model_names()}
    groups = _groups_defined()
    ids = [row["id"] for row in _access_rows()]
    assert len(ids) == len(set(ids)), "duplicate access ids"
    for row in _access_rows():
        model = row["model_id:id"]
        assert model in models or "." in model, f"unknown model {model}"
        group = row["group_id:id"]
        assert group in groups or "." in group, f"unknown group {group}"
        for perm in ("perm_read", "perm_write", "perm_create", "perm_unlink"):
            assert row[perm] in ("0", "1")


def test_multi_company_models_have_company_rules():
    """Each model with a company_id field has a company record rule."""
    rules = set()
    for addon in ADDONS:
        for path in (ROOT / addon / "security").glob("*.xml"):
            for record in etree.parse(str(path)).iter("record"):
                if record.get("model") != "ir.rule":
                    continue
                fields = {f.get("name"): f for f in record.iter("field")}
                if "company_ids" in (fields["domain_force"].text or ""):
                    rules.add(fields["model_id"].get("ref"))
    for name, path in own_model_names().items():
        if "company_id = fields.Many2one" in path.read_text():
            assert (
                f"model_{name.replace('.', '_')}" in rules
            ), f"{name}: no company rule"
