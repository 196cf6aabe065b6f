"""Translation files parse, and es and pt translate every term of the template."""

import ast
import re

import polib
import pytest

LANGUAGES = ("es", "pt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _template(addon):
    path = addon / "i18n" / f"{addon.name}.pot"
    assert path.is_file(), f"{addon.name} has no .pot"
    return polib.pofile(str(path))


def test_template_lists_module_terms(addon):
    template = _template(addon)
    for entry in template:
        assert any(
            f"module: {addon.name}" in line for line in entry.comment.splitlines()
        ), entry.msgid
    # every translatable string of the Python code is in the template
    msgids = {entry.msgid for entry in template}
    for path in addon.glob("**/*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                assert (
                    node.args[0].value in msgids
                ), f"{path.name}: {node.args[0].value!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_complete(addon, lang):
    template = _template(addon)
    path = addon / "i18n" / f"{lang}.po"
    catalog = polib.pofile(str(path))
    assert catalog.metadata.get("Language") == lang
    translated = {entry.msgid: entry for entry in catalog}
    for entry in template:
        found = translated.get(entry.msgid)
        assert found is not None, f"{lang}: missing {entry.msgid!r}"
        assert found.msgstr.strip(), f"{lang}: empty {entry.msgid!r}"
        assert "fuzzy" not in found.flags, f"{lang}: fuzzy {entry.msgid!r}"
        assert sorted(PLACEHOLDER.findall(found.msgstr)) == sorted(
            PLACEHOLDER.findall(entry.msgid)
        ), f"{lang}: placeholders differ in {entry.msgid!r}"
    obsolete = set(translated) - {entry.msgid for entry in template} - {""}
    assert not obsolete, f"{lang}: terms no longer in the template: {sorted(obsolete)}"
