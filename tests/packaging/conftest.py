"""The installers' tests: the real .deb, built once per session (or taken as `make package`
left it earlier in the same `make test` run), unpacked with dpkg -x into a temporary root."""

from __future__ import annotations

import os
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pdf.conftest import pdf_world  # noqa: F401 - the signing key for `netca sign`

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
DIST = ROOT / "dist"
DEB = DIST / f"netca-client_{VERSION}_amd64.deb"
TARBALL = DIST / f"netca-client-{VERSION}-linux-x86_64.tar.gz"
BUNDLE = ROOT / "build" / "package" / "dist" / "netca-client"
PACKAGE_VENV = ROOT / "build" / "package-venv"


@pytest.fixture(scope="session")
def built() -> Path:
    """dist/ with the .deb, the tarball and the SBOM: `make package-if-stale` builds them only
    when a source is newer (in `make test` the step before pytest already did)."""
    subprocess.run(["make", "-s", "--no-print-directory", "package-if-stale"], cwd=ROOT, check=True)
    assert DEB.is_file()
    return DIST


@dataclass(frozen=True)
class Installed:
    root: Path
    control: Path

    @property
    def lib(self) -> Path:
        return self.root / "usr" / "lib" / "netca-client"

    @property
    def vkey_module(self) -> Path:
        return self.lib / "_internal" / "vkey" / "libnetca-vkey.so"

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """A user's environment: no virtualenv, no Python of ours on PATH, a clean HOME."""
        return {
            "HOME": str(home),
            "PATH": f"{self.root / 'usr' / 'bin'}:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TMPDIR": str(home),
            **extra,
        }

    def run(
        self, program: str, *args: str, home: Path, stdin: str = "", timeout: float = 120,
        **extra: str,
    ) -> subprocess.CompletedProcess[str]:  # fmt: skip
        return subprocess.run(
            [program, *args],
            env=self.env(home, **extra),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            cwd=home,
        )


@pytest.fixture(scope="session")
def installed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("deb-root")
    control = tmp_path_factory.mktemp("deb-control")
    subprocess.run(["dpkg", "-x", str(DEB), str(root)], check=True)
    subprocess.run(["dpkg-deb", "-e", str(DEB), str(control)], check=True)
    assert "VIRTUAL_ENV" not in Installed(root, control).env(root)
    return Installed(root, control)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    os.chmod(path, 0o700)
    return path
