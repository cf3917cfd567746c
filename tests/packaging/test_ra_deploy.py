"""The RA as it is deployed: a wheel that puts `netca-ra` on PATH, systemd units that
systemd-analyze accepts and that match docs/ra-deploy.md, and a container recipe whose files
exist (written, not run: no image registry is reachable here)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.packaging.conftest import PACKAGE_VENV, ROOT, VERSION

UNITS = ROOT / "packaging" / "ra" / "systemd"
DOC = ROOT / "docs" / "ra-deploy.md"


@pytest.fixture(scope="module")
def netca_ra(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`netca-ra` from the wheel, installed into a fresh environment (its dependencies are
    borrowed from the test environment instead of downloaded)."""
    work = tmp_path_factory.mktemp("ra-wheel")
    python = PACKAGE_VENV / "bin" / "python"
    builder = str(python) if python.exists() else sys.executable
    subprocess.run(
        [builder, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
         str(work / "dist"), str(ROOT)],
        check=True, cwd=work,
    )  # fmt: skip
    [wheel] = list((work / "dist").glob("netca_client-*-py3-none-any.whl"))
    assert wheel.name == f"netca_client-{VERSION}-py3-none-any.whl"
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )  # fmt: skip
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "borrowed_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin" / "netca-ra"


def test_the_wheel_puts_netca_ra_on_path_with_its_pages_and_migrations(netca_ra: Path) -> None:
    done = subprocess.run(
        [str(netca_ra), "--help"], capture_output=True, text=True, check=False,
        env={"PATH": f"{netca_ra.parent}:/usr/bin:/bin", "HOME": str(netca_ra.parents[2])},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "serve" in done.stdout
    site = next((netca_ra.parents[1] / "lib").glob("python3*/site-packages"))
    assert (site / "netca_ra" / "console" / "templates" / "login.html").is_file()
    assert list((site / "netca_ra" / "migrations" / "versions").glob("0001_*.py"))
    where = subprocess.run(
        [str(netca_ra.parent / "python"), "-c", "import netca_ra; print(netca_ra.__file__)"],
        capture_output=True, text=True, check=True, cwd=netca_ra.parents[2],
        env={"PATH": "/usr/bin:/bin", "HOME": str(netca_ra.parents[2])},
    )  # fmt: skip
    assert where.stdout.startswith(str(site))  # the wheel's copy, not the source tree's


def test_the_units_are_the_ones_the_deployment_page_shows() -> None:
    doc = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```ini\n(.*?)```", doc, re.S)
    for unit in UNITS.iterdir():
        assert unit.read_text(encoding="utf-8") in blocks, unit.name


def test_systemd_accepts_the_units(netca_ra: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is part of Debian's systemd package"
    env_file = tmp_path / "env"
    env_file.write_text("NETCA_RA_DATA_DIR=/var/lib/netca-ra\n")
    for unit in UNITS.iterdir():
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/opt/netca-ra/bin/netca-ra", str(netca_ra))
        text = text.replace("/etc/netca-ra/env", str(env_file))
        (tmp_path / unit.name).write_text(text)
    for unit in sorted(tmp_path.glob("netca-ra*")):
        target = unit.with_name(unit.name.replace("@.", "@8601.")) if "@." in unit.name else unit
        if target != unit:
            shutil.copy(unit, target)
        done = subprocess.run(
            [analyze, "verify", "--man=no", str(target)],
            capture_output=True, text=True, check=False, cwd=tmp_path,
        )  # fmt: skip
        problems = [
            line for line in done.stderr.splitlines()
            if str(tmp_path) in line or "netca-ra" in line
        ]  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert problems == [], problems


def test_the_container_recipe_names_files_that_exist_and_runs_several_workers() -> None:
    recipe = ROOT / "packaging" / "ra"
    compose = yaml.safe_load((recipe / "compose.yaml").read_text(encoding="utf-8"))
    assert set(compose["services"]) == {"db", "ra", "proxy"}
    assert compose["services"]["db"]["image"].startswith("docker.io/library/postgres:15")
    build = compose["services"]["ra"]["build"]
    assert (recipe / build["context"] / build["dockerfile"]).resolve().is_file()
    for volume in compose["services"]["proxy"]["volumes"]:
        source = volume.split(":", 1)[0]
        if source.endswith(".conf"):
            assert (recipe / source).is_file()
    containerfile = (recipe / "Containerfile").read_text(encoding="utf-8")
    assert '"--workers", "4"' in containerfile
    assert "dist/netca_client-*-py3-none-any.whl" in containerfile
    assert "USER netca-ra" in containerfile
    nginx = (recipe / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 443 ssl" in nginx
    assert "ssl_certificate" in nginx
    assert (recipe / "ra.env.example").is_file()
