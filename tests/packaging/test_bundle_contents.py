"""What the bundle carries, and what it must not: no test files, no compiled modules of
development tools, no QtWebEngine and no Qt module the client does not use, only the Qt
platforms it needs; translations, the drivers registry and pypdfium2's library; a CycloneDX
SBOM of exactly what ships; and the size it is budgeted in the README."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import BUNDLE, PACKAGE_VENV, ROOT, TARBALL, Installed

pytestmark = pytest.mark.timeout(1500)

DEV_TOOLS = (
    "pytest", "_pytest", "pytestqt", "mypy", "ruff", "hypothesis", "schemathesis", "selenium",
    "importlinter", "reportlab", "setuptools", "pkg_resources", "pip", "PyInstaller",
    "cyclonedx", "cyclonedx_py", "uv", "tests", "netca_ra", "netca_demo", "fastapi",
    "uvicorn", "sqlalchemy", "alembic", "chardet",
)  # fmt: skip
#: README's budget for the unpacked bundle and the .deb (docs/packaging.md explains it)
BUNDLE_BUDGET_MIB = 230
DEB_BUDGET_MIB = 90


def archived_modules(executable: Path) -> list[str]:
    """The Python modules inside the executable's archive, read with PyInstaller's reader."""
    script = (
        "import sys, json\n"
        "from PyInstaller.archive.readers import CArchiveReader\n"
        "a = CArchiveReader(sys.argv[1])\n"
        "z = a.open_embedded_archive('PYZ.pyz')\n"
        "print(json.dumps(sorted(list(z.toc) + list(a.toc))))\n"
    )
    done = subprocess.run(
        [str(PACKAGE_VENV / "bin" / "python"), "-c", script, str(executable)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout))


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_no_module_of_a_development_tool_or_of_the_ra_is_in_the_bundle(
    installed: Installed,
) -> None:
    modules = archived_modules(installed.lib / "netca-client")
    assert "netca_client.gui.app" in modules
    assert "netca_client.core.updates" in modules
    assert "keyring.backends.SecretService" in modules  # Linux keyring backend
    tops = {m.split(".")[0] for m in modules}
    assert tops.isdisjoint(DEV_TOOLS), sorted(tops & set(DEV_TOOLS))


def test_no_test_files_no_python_sources_and_no_unused_qt_in_the_bundle(
    installed: Installed,
) -> None:
    listed = files(installed.lib)
    assert not [f for f in listed if re.search(r"(^|/)(tests?|testing)/", f)]
    assert not [f for f in listed if f.endswith((".py", ".pyc", ".pyi"))]
    for unwanted in ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Svg", "Qt6Designer"):
        assert not [f for f in listed if unwanted in f], unwanted
    platforms = sorted(Path(f).name for f in listed if "/plugins/platforms/" in f)
    assert platforms == ["libqoffscreen.so", "libqwayland.so", "libqxcb.so"]
    qt_translations = [Path(f).name for f in listed if "PySide6/Qt/translations/" in f]
    assert qt_translations == ["qtbase_zh_CN.qm"]


def test_the_bundle_carries_translations_registry_pdfium_and_the_vkey_module(
    installed: Installed,
) -> None:
    internal = installed.lib / "_internal"
    assert (internal / "resources" / "translations" / "netca_zh_CN.qm").is_file()
    assert (internal / "drivers" / "models.toml").read_bytes() == (
        ROOT / "drivers" / "models.toml"
    ).read_bytes()
    assert list((internal / "pypdfium2_raw").glob("libpdfium*.so"))
    assert installed.vkey_module.is_file()
    # the system's own libraries are the system's: only libpython travels along
    system = re.compile(r"lib(ssl|crypto|X11|xcb|fontconfig|gtk-3|glib-2\.0)\.so.*")
    system_like = [f for f in files(internal) if system.fullmatch(Path(f).name)]
    assert system_like == []
    assert (internal / "libpython3.11.so.1.0").is_file()


def test_the_sbom_lists_exactly_what_ships(installed: Installed) -> None:
    sbom = json.loads((installed.lib / "sbom.cdx.json").read_text(encoding="utf-8"))
    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["specVersion"] == "1.6"
    assert sbom["metadata"]["component"]["name"] == "netca-client"
    names = {c["name"].lower().replace("_", "-") for c in sbom["components"]}
    for shipped in ("pyside6-essentials", "cryptography", "pyhanko", "pypdfium2", "cpython",
                    "pyinstaller", "python-pkcs11", "keyring"):  # fmt: skip
        assert shipped in names, shipped
    assert names.isdisjoint({"pytest", "mypy", "ruff", "cyclonedx-bom", "uv", "fastapi"})
    licences = [c for c in sbom["components"] if c.get("licenses")]
    assert len(licences) >= len(sbom["components"]) * 0.8
    agpl = [
        c["name"] for c in sbom["components"]
        if "AGPL" in json.dumps(c.get("licenses", []))
    ]  # fmt: skip
    assert agpl == []
    depends = next(
        p["value"] for p in sbom["metadata"]["properties"] if p["name"] == "netca:debian-depends"
    )
    control = (installed.control / "control").read_text()
    assert f"Depends: {depends}\n" in control


def test_the_size_stays_within_the_readme_budget(installed: Installed) -> None:
    unpacked = sum(
        p.stat().st_size for p in installed.lib.rglob("*") if p.is_file() and not p.is_symlink()
    )
    deb = next((ROOT / "dist").glob("netca-client_*_amd64.deb")).stat().st_size
    print(f"bundle {unpacked / 2**20:.1f} MiB, .deb {deb / 2**20:.1f} MiB, "
          f"tarball {TARBALL.stat().st_size / 2**20:.1f} MiB")  # fmt: skip
    assert unpacked < BUNDLE_BUDGET_MIB * 2**20
    assert deb < DEB_BUDGET_MIB * 2**20
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{BUNDLE_BUDGET_MIB} MiB" in readme
    assert f"{DEB_BUDGET_MIB} MiB" in readme


def test_the_tarball_holds_the_same_bundle(built: Path, tmp_path: Path) -> None:
    subprocess.run(["tar", "-xzf", str(TARBALL), "-C", str(tmp_path)], check=True)
    [top] = list(tmp_path.iterdir())
    assert (top / "netca").is_symlink()
    assert files(top) == files(BUNDLE)
    done = subprocess.run(
        ["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=top, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    version = subprocess.run(
        [str(top / "netca"), "--version"], capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert top.name.endswith(version.stdout.split()[-1])


def test_packaging_the_same_bundle_twice_gives_identical_artefacts(
    built: Path, tmp_path: Path
) -> None:
    """The archive step alone (tar, dpkg-deb, SBOM, sums), against `make package`'s own
    output, with the same SOURCE_DATE_EPOCH (read back from its SBOM). The whole build twice,
    PyInstaller included, is `make package-repro`."""
    import datetime as dt
    import os

    sbom = json.loads(next(built.glob("netca-client-*.cdx.json")).read_text(encoding="utf-8"))
    epoch = int(dt.datetime.fromisoformat(sbom["metadata"]["timestamp"]).timestamp())
    python = str(PACKAGE_VENV / "bin" / "python")
    tools = str(ROOT / "build" / "tools-venv" / "bin" / "python")
    script = str(ROOT / "packaging" / "linux" / "build.py")
    subprocess.run(
        [python, script, "--bundle", str(BUNDLE), "--out", str(tmp_path / "again"),
         "--work", str(tmp_path / "stage"), "--sbom-python", tools, "--bundle-python", python],
        check=True, capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
    )  # fmt: skip
    assert (tmp_path / "again" / "SHA256SUMS").read_text() == (built / "SHA256SUMS").read_text()
