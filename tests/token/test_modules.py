"""Every PKCS#11 module at once: keys merged with their module, modules that fail or hang
hide no other, SoftHSM2 tokens made outside the project, hot-plug across modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netca_client.core.diagnostics import collect
from netca_client.core.token import PinStatusSource, TokenLibrary
from netca_client.core.token import library as token_library
from tests.conftest import PIN, SO_PIN
from tests.support.softhsm import SoftHsm
from tests.support.vkey import VkeyWorld
from tests.token.conftest import ORG_CODE, IssuedKey

REPO = Path(__file__).resolve().parents[2]
FAULTY_SOURCE = Path(__file__).with_name("modules") / "faulty.c"
FAULTS = ("INIT", "HANG_INIT", "HANG_SLOTS")


@pytest.fixture(scope="session")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """PKCS#11 modules that misbehave (built with cc), and a file that is no module at all."""
    out = tmp_path_factory.mktemp("faulty")
    built: dict[str, str] = {}
    for fault in FAULTS:
        target = out / f"libfault-{fault.lower()}.so"
        subprocess.run(
            ["cc", "-shared", "-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror",
             f"-I{REPO / 'drivers' / 'vkey' / 'include'}", f"-DFAULT_{fault}",
             "-o", str(target), str(FAULTY_SOURCE)],
            check=True,
        )  # fmt: skip
        built[fault] = str(target)
    junk = out / "libnot-a-module.so"
    junk.write_text("not a shared library\n")
    built["JUNK"] = str(junk)
    return built


@pytest.fixture
def vkeys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VkeyWorld:
    world = VkeyWorld.create(tmp_path / "vkeys")
    monkeypatch.setenv("NETCA_VKEY_DIR", str(world.state_dir))
    return world


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No module named anywhere: neither NETCA_PKCS11_MODULE nor a config file."""
    monkeypatch.delenv("NETCA_PKCS11_MODULE", raising=False)
    monkeypatch.setenv("NETCA_CONFIG", str(tmp_path / "no-config.toml"))


def test_modules_that_fail_or_hang_hide_no_other_and_show_in_diagnostics(
    faulty: dict[str, str],
    softhsm: SoftHsm,
    issued_key: IssuedKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(token_library, "LOAD_TIMEOUT", 3.0)
    monkeypatch.setattr(token_library, "POLL_TIMEOUT", 0.5)
    modules = [faulty[f] for f in ("JUNK", "INIT", "HANG_INIT", "HANG_SLOTS")]
    library = TokenLibrary.load([*modules, softhsm.module])
    try:
        assert [m.module_path for m in library.modules] == [faulty["HANG_SLOTS"], softhsm.module]
        started = time.monotonic()
        keys = library.keys()
        assert time.monotonic() - started < 2
        assert [k.serial for k in keys] == [issued_key.serial]
        assert keys[0].module == softhsm.module
        reasons = {f.path: f.reason for f in library.failures}
        assert reasons[faulty["INIT"]] == "C_Initialize: DeviceError"
        assert reasons[faulty["HANG_INIT"]] == "C_Initialize did not answer"
        assert reasons[faulty["HANG_SLOTS"]] == "C_GetSlotList did not answer"
        assert faulty["JUNK"] in reasons
        # the hung module is not asked again while its last poll still hangs
        started = time.monotonic()
        assert [k.serial for k in library.keys()] == [issued_key.serial]
        assert time.monotonic() - started < 0.3
        with library.open(keys[0]) as session:
            assert session.pin_status().locked is False

        report = collect(library)
        failed = {f["path"]: f for f in report["module_failures"]}
        assert set(failed) == set(modules)
        assert failed[faulty["INIT"]]["sha256"]
        assert len(failed[faulty["INIT"]]["sha256"]) == 64
        assert [k["label"] for k in report["keys"]] == [issued_key.label]
    finally:
        library.close()


def test_every_module_found_is_loaded_and_each_key_knows_its_module(
    vkeys: VkeyWorld, softhsm: SoftHsm, no_override: None
) -> None:
    vkeys.init_token("甲", pin=PIN, so_pin=SO_PIN)
    vkeys.init_token("乙", pin=PIN, so_pin=SO_PIN)
    plain = softhsm.init_token("外部", pin=PIN, so_pin=SO_PIN)
    library = TokenLibrary.load()
    try:
        # SoftHSM2 sees a token made after its C_Initialize in this process only once
        # re-initialised (docs/dependencies.md); other tests of the session load it too, and
        # whether that initialisation is still alive here depends on when they were torn down.
        library.reinitialize()
        # A module slower than POLL_TIMEOUT to answer keeps its last keys until its answer
        # comes (then used by the next call): poll as the monitor does.
        deadline = time.monotonic() + 60
        while True:
            by_label = {k.label: k for k in library.keys()}
            if set(by_label) == {"甲", "乙", "外部"} or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        loaded = [m.module_path for m in library.modules]
        assert set(by_label) == {"甲", "乙", "外部"}, (library.failures, loaded)
        assert by_label["甲"].module == vkeys.module
        assert by_label["乙"].module == vkeys.module
        assert Path(by_label["外部"].module).resolve() == Path(softhsm.module).resolve()
        assert by_label["外部"].serial == plain
        assert by_label["外部"].manufacturer == "SoftHSM project"
        assert len({k.identity for k in by_label.values()}) == 3
        with library.open(by_label["乙"]) as session:
            assert session.pin_status().source is PinStatusSource.VENDOR
        with library.open(by_label["外部"]) as session:
            assert session.pin_status().source is PinStatusSource.FLAGS
    finally:
        library.close()


def _netca_env(softhsm: SoftHsm, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NETCA_PKCS11_MODULE"}
    env.update(
        SOFTHSM2_CONF=str(softhsm.conf),
        NETCA_CONFIG=str(tmp_path / "no-config.toml"),
        NETCA_VKEY_DIR=str(tmp_path / "empty-vkey"),
    )
    return {**env, **extra}


def test_a_softhsm2_token_made_outside_is_listed_with_opensc_there_and_nothing_configured(
    softhsm: SoftHsm, issued_key: IssuedKey, tmp_path: Path
) -> None:
    env = _netca_env(softhsm, tmp_path, NETCA_LANG="zh_CN")

    def netca(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "netca_client.cli", *args],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    report = json.loads(netca("diagnostics", "--json", "--no-ra"))
    loaded = {m["model"] for m in report["modules"]}
    assert {"opensc", "netca-vkey", "softhsm2"} <= loaded  # OpenSC is there, and first
    assert report["modules"][0]["model"] == "opensc"
    keys = netca("keys")
    assert keys.splitlines() == [line for line in keys.splitlines() if issued_key.serial in line]
    assert "libsofthsm2.so" in keys
    (group,) = json.loads(netca("certs", "--json"))
    assert group["key"]["serial"] == issued_key.serial
    assert {c["org_code"] for c in group["certificates"]} == {ORG_CODE, None}
    text = netca("certs")
    assert f"统一社会信用代码 {ORG_CODE}" in text
    assert "\t签名" in text
    assert "both" not in text
    assert "signing" not in text
    seals = netca("seals")
    assert seals.splitlines() == [
        f"{issued_key.label}（序列号 {issued_key.serial}，libsofthsm2.so）",
        "  此 Key 中没有印章。",
    ]


def _events(process: subprocess.Popen[str]) -> Iterator[dict[str, object]]:
    assert process.stdout is not None
    for line in process.stdout:
        yield json.loads(line)


def test_netca_watch_shows_a_key_pulled_out_of_either_module_within_a_second(
    vkeys: VkeyWorld, softhsm: SoftHsm, tmp_path: Path
) -> None:
    vkeys.init_token("甲", pin=PIN, so_pin=SO_PIN)
    softhsm.init_token("外部", pin=PIN, so_pin=SO_PIN)
    env = _netca_env(softhsm, tmp_path, NETCA_VKEY_DIR=str(vkeys.state_dir))
    watch = subprocess.Popen(
        [sys.executable, "-m", "netca_client.cli", "watch", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        events = _events(watch)
        seen = {next(events)["key"]["label"] for _ in range(2)}  # type: ignore[index]
        assert seen == {"甲", "外部"}
        for label, pull in (
            ("甲", lambda: vkeys.unplug("甲")),
            ("外部", lambda: softhsm.delete_token("外部")),
        ):
            pull()
            pulled = time.monotonic()
            event = next(events)
            took = time.monotonic() - pulled
            assert (event["event"], event["key"]["label"]) == ("removed", label)  # type: ignore[index]
            assert took < 1.0, f"{label}: {took:.2f} s"
        vkeys.plug("甲")
        plugged = time.monotonic()
        event = next(events)
        assert (event["event"], event["key"]["label"]) == ("inserted", "甲")  # type: ignore[index]
        assert time.monotonic() - plugged < 1.0
    finally:
        watch.terminate()
        watch.wait(timeout=10)


def test_a_module_slower_than_the_poll_timeout_still_shows_its_keys(
    vkeys: VkeyWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every answer later than POLL_TIMEOUT (SoftHSM2's slot list on a loaded machine, a slow
    vendor module): the late answer is used by the next call. It used to be thrown away and
    the module asked again, so such a module never showed a key."""
    vkeys.init_token("慢", pin=PIN, so_pin=SO_PIN)
    monkeypatch.setattr(token_library, "POLL_TIMEOUT", 0.0)  # no answer is ever in time
    library = TokenLibrary.load(vkeys.module)
    try:
        deadline = time.monotonic() + 20
        labels: list[str] = []
        while not labels and time.monotonic() < deadline:
            labels = [k.label for k in library.keys()]
            time.sleep(0.05)
        assert labels == ["慢"]
        assert library.failures == []  # answered: no longer listed as not answering
    finally:
        library.close()
