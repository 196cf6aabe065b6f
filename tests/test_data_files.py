"""XML data files are well formed, use 18.0 view syntax and valid references."""

import re

import pytest
from lxml import etree

from conftest import ROOT, own_model_names

XML_FILES = sorted(
    path
    for addon in ("partner_network", "partner_commission")
    for path in (ROOT / addon).glob("**/*.xml")
    if "static" not in path.parts
)


def _ids_defined(addon):
    ids = set()
    for path in (ROOT / addon).glob("**/*.xml"):
        if "static" in path.parts:
            continue
        for node in etree.parse(str(path)).iter():
            if node.tag in ("record", "template", "menuitem") and node.get("id"):
                ids.add(node.get("id"))
    return ids


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_xml_well_formed_and_current(path):
    tree = etree.parse(str(path))
    assert tree.getroot().tag == "odoo"
    text = path.read_text()
    assert "<tree" not in text, "18.0 list views are <list>"
    assert not re.search(r"\sattrs=|\sstates=", text), "18.0 uses python expressions"


@pytest.mark.parametrize("path", XML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_local_references_exist(path):
    """Every unqualified ref= or parent=/action= points to a record of the addon."""
    addon = path.relative_to(ROOT).parts[0]
    defined = _ids_defined(addon) | {
        f"model_{name.replace('.', '_')}" for name in own_model_names()
    }
    text = path.read_text()
    refs = re.findall(r"""\b(?:ref|parent|action|inherit_id)=["']([\w.]+)["']""", text)
    refs += re.findall(r"""ref\(['"]([\w.]+)['"]\)""", text)
    for ref in refs:
        if "." not in ref:
            assert ref in defined, f"{path.name}: unknown reference {ref}"


def test_xml_ids_follow_conventions():
    """Views, actions, menus and demo records are named as STYLE.md says."""
    data_ids = {
        record.get("id")
        for path in XML_FILES
        if "demo" not in path.parts
        for record in etree.parse(str(path)).iter("record")
    }
    for path in XML_FILES:
        for record in etree.parse(str(path)).iter("record"):
            xmlid, model = record.get("id"), record.get("model")
            if "." in xmlid:
                continue
            if model == "ir.ui.view":
                assert re.search(
                    r"_view_(form|list|kanban|search|pivot|graph)", xmlid
                ), xmlid
            if model == "ir.actions.act_window":
                assert xmlid.endswith("_action") or "_action_" in xmlid, xmlid
            if "demo" in path.parts and xmlid not in data_ids:
                assert xmlid.endswith("_demo"), xmlid
