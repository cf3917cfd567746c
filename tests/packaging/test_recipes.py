"""The Windows and macOS recipes and the CI workflow, checked statically on Linux.

They can only run on Windows and macOS runners (.github/workflows/installers.yml); here
the test checks that every file they name exists, that they build the version of
pyproject.toml, that the installer stays per user, and that the trimming rules keep each
platform's Qt plugins. Nothing here claims the Windows or macOS builds were run."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path, PureWindowsPath
from types import ModuleType

import pytest
import yaml

from tests.packaging.conftest import ROOT, VERSION

PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
REPO_PATH = re.compile(r"(?<![\w/.])((?:packaging|resources|drivers)/[\w./*-]+)")


def load_common() -> ModuleType:
    """packaging/pyinstaller/common.py's trimming rules, without PyInstaller: its imports of
    PyInstaller are only used to build, so they are stubbed for this check."""
    path = PACKAGING / "pyinstaller" / "common.py"
    source = path.read_text(encoding="utf-8")
    source, stubbed = re.subn(r"(?m)^from PyInstaller\.[\w.]+ import [\w, ]+$", "", source)
    assert stubbed, "common.py no longer imports PyInstaller the way this loader strips"
    module = ModuleType("netca_bundle_common")
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def repo_paths(text: str) -> set[str]:
    return {m.rstrip(".") for m in REPO_PATH.findall(text.replace("\\", "/"))}


def exists(relative: str) -> bool:
    if "*" in relative:
        return any(ROOT.glob(relative))
    return (ROOT / relative).exists()


def test_the_workflow_builds_on_windows_and_macos_runners() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    runners = {job["runs-on"] for job in workflow["jobs"].values()}
    assert any(r.startswith("windows") for r in runners)
    assert any(r.startswith("macos") for r in runners)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "--require-hashes" in scripts  # the same hashed locks as `make package`
    assert "netca-windows.spec" in scripts
    assert "netca-macos.spec" in scripts
    assert "netca-client.iss" in scripts
    # the version comes from pyproject.toml, never typed into the workflow
    assert "pyproject.toml" in scripts
    assert VERSION not in WORKFLOW.read_text(encoding="utf-8")


def test_every_file_the_workflow_and_recipes_name_exists() -> None:
    texts = {
        WORKFLOW: WORKFLOW.read_text(encoding="utf-8"),
        **{p: p.read_text(encoding="utf-8") for p in PACKAGING.glob("*/*.spec")},
        **{p: p.read_text(encoding="utf-8") for p in PACKAGING.glob("macos/*.sh")},
        **{p: p.read_text(encoding="utf-8") for p in PACKAGING.glob("windows/*.ps1")},
    }
    missing = {
        str(path.relative_to(ROOT)): sorted(
            p for p in repo_paths(text)
            if not exists(p) and not p.startswith(("resources/translations/*.qm",))
        )
        for path, text in texts.items()
    }  # fmt: skip
    assert {k: v for k, v in missing.items() if v} == {}
    # paths written with common.REPO / "a" / "b" in the specs
    for spec in PACKAGING.glob("pyinstaller/*.spec"):
        for parts in re.findall(r"common\.REPO((?:\s*/\s*\"[^\"]+\")+)", spec.read_text()):
            relative = "/".join(re.findall(r"\"([^\"]+)\"", parts))
            if not relative.startswith("drivers/vkey/build"):  # built by `make vkey`
                assert exists(relative), f"{spec.name}: {relative}"


def test_the_inno_setup_script_installs_per_user_and_touches_only_its_own_run_value() -> None:
    script = (PACKAGING / "windows" / "netca-client.iss").read_text(encoding="utf-8")
    setup = dict(
        line.split("=", 1) for line in script.split("[Setup]", 1)[1].split("\n[", 1)[0].splitlines()
        if "=" in line and not line.startswith(";")
    )  # fmt: skip
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == ""  # no "install for all users"
    assert setup["DefaultDirName"] == r"{autopf}\netca-client"  # %LOCALAPPDATA%\Programs
    assert "#error" in script  # the version must be passed: it is pyproject.toml's
    icon = PureWindowsPath(setup["SetupIconFile"])
    assert (PACKAGING / "windows" / Path(*icon.parts)).resolve().is_file()
    registry = script.split("[Registry]", 1)[1].split("\n[", 1)[0]
    entries = [line for line in registry.splitlines() if line.startswith("Root:")]
    assert entries  # start at login, and its removal
    for entry in entries:
        assert entry.startswith("Root: HKCU; ")
        assert r'Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"' in entry
        assert 'ValueName: "netca-client"' in entry
        assert "uninsdeletevalue" in entry
    written = [e for e in entries if "ValueType: string" in e]
    assert all("Tasks: autostart" in e for e in written)  # only when ticked
    task = next(line for line in script.splitlines() if line.startswith('Name: "autostart"'))
    assert "Flags: unchecked" in task
    for forbidden in ("HKLM", "Internet Settings", "ZoneMap", "regsvr32", "taskkill", "CLSID"):
        assert forbidden not in script


def test_the_macos_info_plist_carries_the_version_of_pyproject() -> None:
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert info["CFBundleShortVersionString"] == VERSION
    assert info["CFBundleVersion"] == VERSION
    assert info["CFBundleIdentifier"] == "org.netca-client.app"
    assert info["CFBundleDevelopmentRegion"] == "zh_CN"
    plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())


def test_signing_steps_read_credentials_from_the_environment_and_skip_without_them() -> None:
    mac = (PACKAGING / "macos" / "sign-and-notarize.sh").read_text(encoding="utf-8")
    win = (PACKAGING / "windows" / "sign.ps1").read_text(encoding="utf-8")
    assert 'if [ -z "${MACOS_SIGN_IDENTITY:-}" ]' in mac
    assert "NOT SIGNED" in mac
    assert "NOT NOTARISED" in mac
    assert "if (-not $env:WINDOWS_CERTIFICATE_PFX)" in win
    assert "NOT SIGNED" in win


def test_the_macos_signing_script_skips_cleanly_here(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        ["bash", str(PACKAGING / "macos" / "sign-and-notarize.sh"), str(tmp_path / "x.app")],
        env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout.startswith("NOT SIGNED: MACOS_SIGN_IDENTITY is not set")


@pytest.mark.parametrize(
    ("path", "os_name", "kept"),
    [
        ("PySide6/plugins/platforms/qwindows.dll", "windows", True),
        ("PySide6/plugins/platforms/qdirect2d.dll", "windows", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", "windows", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "macos", True),
        ("PySide6/Qt/plugins/platforms/libqminimal.dylib", "macos", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
        ("PySide6/Qt/lib/QtWebEngineCore.framework/QtWebEngineCore", "macos", False),
        ("PySide6/Qt6WebEngineCore.dll", "windows", False),
        ("PySide6/Qt6Quick.dll", "windows", False),
        ("PySide6/Qt6Widgets.dll", "windows", True),
        ("PySide6/translations/qtbase_zh_CN.qm", "windows", True),
        ("PySide6/translations/qtbase_de.qm", "windows", False),
        ("somepackage/tests/data.bin", "linux", False),
    ],
)
def test_the_trimming_rules_keep_each_platforms_qt_plugins(
    path: str, os_name: str, kept: bool
) -> None:
    assert load_common().keep(path, os_name) is kept


def test_the_specs_are_python_and_name_their_platform() -> None:
    for os_name in ("linux", "windows", "macos"):
        spec = PACKAGING / "pyinstaller" / f"netca-{os_name}.spec"
        compile(spec.read_text(encoding="utf-8"), str(spec), "exec")
        assert re.search(rf'common\.analysis\(\s*"{os_name}"', spec.read_text(encoding="utf-8"))
