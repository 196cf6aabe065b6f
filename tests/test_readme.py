"""The generated README.rst and index.html match their readme/ fragments."""

import gen_addon_readme
from docutils.core import publish_doctree

from conftest import ROOT


def test_generated_files_up_to_date():
    for addon in gen_addon_readme.ADDONS:
        for path, content in gen_addon_readme.generated_files(addon).items():
            assert (
                path.read_text() == content
            ), f"{path.relative_to(ROOT)} is stale: run scripts/gen_addon_readme.py"


def test_markdown_fragments_convert():
    rst = gen_addon_readme.md_to_rst(
        "Use `code` and [docs](https://example.com).\n\n"
        "1. first\n   - nested\n2. second\n\n# Title"
    )
    assert "``code``" in rst
    assert "`docs <https://example.com>`__" in rst
    assert "first\n\n   - nested\n\n2. second" in rst
    assert "Title\n~~~~~" in rst
    publish_doctree(rst, settings_overrides={"halt_level": 2, "report_level": 5})


def test_project_readme_is_valid_rst():
    publish_doctree(
        (ROOT / "README.rst").read_text(),
        settings_overrides={"halt_level": 2, "report_level": 5},
    )
