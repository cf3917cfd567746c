"""The .deb as a holder gets it: unpacked with dpkg -x into a temporary root, run with no
virtualenv on PATH and a clean HOME. `netca keys` lists virtual keys, `netca sign` stamps a
PDF that poppler's pdfsig calls valid, the desktop client shows its main window offscreen."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.packaging.conftest import VERSION, Installed
from tests.pdf.conftest import LABEL, ORG, PIN, PdfWorld
from tests.pdf.documents import tender
from tests.pdf.validators import pdfsig_valid

pytestmark = pytest.mark.timeout(1500)  # the first test may wait for `make package`


def test_the_package_has_no_maintainer_scripts_and_installs_only_under_usr(
    installed: Installed,
) -> None:
    assert sorted(p.name for p in installed.control.iterdir()) == ["control", "md5sums"]
    top = {p.name for p in installed.root.iterdir()}
    assert top == {"usr"}
    control = (installed.control / "control").read_text()
    assert f"Version: {VERSION}\n" in control
    depends = control.split("Depends: ", 1)[1].split("\n", 1)[0].split(", ")
    assert "libssl3" in depends
    assert not any(d.startswith("python3") for d in depends)  # Python travels inside
    # every dependency is an ordinary Debian package this machine has
    missing = [
        d for d in depends
        if subprocess.run(["dpkg-query", "-W", d], capture_output=True).returncode != 0
    ]  # fmt: skip
    assert missing == []


def test_the_desktop_entry_and_icon_are_installed(installed: Installed) -> None:
    share = installed.root / "usr" / "share"
    entry = (share / "applications" / "netca-client.desktop").read_text()
    assert "Exec=netca-client\n" in entry
    assert "Name[zh_CN]=netca-client 安全客户端" in entry
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "netca-client.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "netca-client.svg").is_file()
    for name in ("netca-client", "netca", "netca-vkey"):
        assert (installed.root / "usr" / "bin" / name).resolve().is_file()


def test_netca_keys_lists_virtual_keys(installed: Installed, home: Path) -> None:
    vkeys = home / "vkeys"
    created = installed.run(
        "netca-vkey", "create", "--label", "装包测试", "--pin-stdin", "--so-pin-stdin",
        home=home, stdin="So-Pin-87654321\nPin-12345678\n", NETCA_VKEY_DIR=str(vkeys),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    config = home / "profile.toml"
    config.write_text(
        f'pkcs11_module = "{installed.vkey_module}"\nvkey_dir = "{vkeys}"\n', encoding="utf-8"
    )
    listed = installed.run("netca", "--config", str(config), "keys", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    keys = json.loads(listed.stdout)
    [key] = [k for k in keys if k["key"]["manufacturer"] == "netca-vkey"]
    assert key["key"]["label"] == "装包测试"
    assert key["key"]["module"] == str(installed.vkey_module)
    assert key["pin"]["tries_left"] == 10  # the module's vendor retry counter, read
    human = installed.run("netca", "--config", str(config), "keys", home=home)
    assert "装包测试" in human.stdout


def test_netca_sign_stamps_a_pdf_that_pdfsig_calls_valid(
    installed: Installed, home: Path, pdf_world: PdfWorld
) -> None:
    source = tender(home / "投标函.pdf", pages=1)
    target = home / "已盖章.pdf"
    trust = pdf_world.root_pem(home)
    done = installed.run(
        "netca", "--module", str(installed.vkey_module), "sign", "--key", LABEL, str(source),
        "-o", str(target), "--seal", ORG, "--page", "1", "--at", "300,400", "--trust",
        str(trust), "--pin-stdin",
        home=home, stdin=PIN + "\n", NETCA_VKEY_DIR=str(pdf_world.vkeys.state_dir),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已签章" in done.stdout
    assert pdfsig_valid(target)


def test_the_desktop_client_starts_offscreen_and_shows_its_main_window(
    installed: Installed, home: Path
) -> None:
    report = home / "startup.json"
    done = installed.run(
        "netca-client", "--startup-report", str(report), home=home, QT_QPA_PLATFORM="offscreen"
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(report.read_text())
    assert shown["visible"] is True
    assert shown["bundled"] is True
    assert shown["platform"] == "offscreen"
    assert shown["title"] == "netca-client 安全客户端"


def test_the_window_is_drawn_in_chinese(installed: Installed, home: Path) -> None:
    picture = home / "window.png"
    process = subprocess.Popen(
        ["netca-client", "--picture", str(picture), "--picture-every", "1"],
        env=installed.env(home, QT_QPA_PLATFORM="offscreen"),
        cwd=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not picture.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert picture.exists()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0  # SIGTERM quits like the tray's Quit
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1100, 720)
    # the style sheet was applied: the navigation's dark blue, the selected entry's red
    assert image.pixelColor(90, 600).name() == "#1f2a3a"
    assert image.pixelColor(5, 30).name() == "#c8161d"


def test_autostart_is_per_user_and_points_at_the_installed_program(
    installed: Installed, home: Path
) -> None:
    on = installed.run("netca-client", "--autostart", "on", home=home)
    assert on.returncode == 0, on.stderr
    entry = home / ".config" / "autostart" / "netca-client.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={installed.lib / 'netca-client'} --minimized"
    assert [p.relative_to(home).as_posix() for p in sorted(home.rglob("*"))] == [
        ".config",
        ".config/autostart",
        ".config/autostart/netca-client.desktop",
    ]
    off = installed.run("netca-client", "--autostart", "off", home=home)
    assert off.returncode == 0
    assert not entry.exists()


def test_the_bundle_checks_out_against_its_own_sha256_list(installed: Installed) -> None:
    done = subprocess.run(
        ["sha256sum", "--quiet", "-c", "SHA256SUMS"],
        cwd=installed.lib, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    listed = (installed.lib / "SHA256SUMS").read_text().count("\n")
    files = [p for p in installed.lib.rglob("*") if p.is_file() and not p.is_symlink()]
    assert listed == len(files) - 1  # every file but the list itself


def test_the_second_launch_of_the_installed_client_raises_the_first(
    installed: Installed, home: Path
) -> None:
    env = installed.env(home, QT_QPA_PLATFORM="offscreen")
    first = subprocess.Popen(["netca-client"], env=env, cwd=home, stdout=subprocess.PIPE)
    try:
        # the first client's local socket (QLocalServer, in TMPDIR) shows it is listening
        deadline = time.monotonic() + 60
        while not list(home.glob("netca-client-*")) and time.monotonic() < deadline:
            assert first.poll() is None
            time.sleep(0.2)
        second = subprocess.run(
            ["netca-client"], env=env, cwd=home, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        assert first.poll() is None  # the first one goes on
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=30)
