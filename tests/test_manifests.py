"""Manifests follow the OCA 18.0 conventions and list files that exist."""

import re

from conftest import ROOT, manifest_of

OCA_KEY_ORDER = [
    "name",
    "summary",
    "version",
    "development_status",
    "category",
    "website",
    "author",
    "maintainers",
    "license",
    "application",
    "installable",
    "auto_install",
    "depends",
    "external_dependencies",
    "data",
    "demo",
    "assets",
]


def test_manifest_keys_and_version(addon):
    manifest = manifest_of(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "AGPL-3"
    assert manifest["author"] == "Partner Program Contributors"
    assert manifest["installable"] is True
    assert "description" not in manifest
    keys = list(manifest)
    assert keys == [key for key in OCA_KEY_ORDER if key in manifest]


def test_listed_files_exist(addon):
    manifest = manifest_of(addon)
    for key in ("data", "demo"):
        for relative in manifest.get(key, []):
            assert (addon / relative).is_file(), f"{addon.name}: {relative} missing"


def test_security_files_load_first(addon):
    data = manifest_of(addon).get("data", [])
    security = [i for i, path in enumerate(data) if path.startswith("security/")]
    assert security == list(range(len(security)))


def test_every_data_file_is_listed(addon):
    manifest = manifest_of(addon)
    listed = set(manifest.get("data", [])) | set(manifest.get("demo", []))
    for folder in ("data", "demo", "views", "security", "wizards", "report"):
        for path in (addon / folder).glob("*"):
            if path.suffix in (".xml", ".csv"):
                relative = str(path.relative_to(addon))
                assert relative in listed, f"{addon.name}: {relative} is not loaded"


def test_packaging(addon):
    assert 'build-backend = "whool.buildapi"' in (addon / "pyproject.toml").read_text()
    metapackage = (ROOT / "setup" / "_metapackage" / "pyproject.toml").read_text()
    assert f'"odoo-addon-{addon.name}==18.0.*"' in metapackage


def test_description_assets(addon):
    description = addon / "static" / "description"
    assert (description / "icon.png").read_bytes().startswith(b"\x89PNG")
    assert (description / "index.html").is_file()
    for fragment in ("DESCRIPTION", "USAGE", "CONFIGURE", "CONTRIBUTORS"):
        assert (addon / "readme" / f"{fragment}.md").read_text().strip()
