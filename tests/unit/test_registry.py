"""The driver registry file and module discovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netca_client.core.errors import ConfigError
from netca_client.core.token import DriverRegistry
from netca_client.core.token.registry import MODULE_ENV, VENDOR_RETRY_COUNT, module_override


def test_shipped_registry_has_the_required_families() -> None:
    registry = DriverRegistry.load()
    ids = {m.id for m in registry.models}
    required = {
        "softhsm2",
        "netca-vkey",
        "feitian-epass2003",
        "feitian-epass3003",
        "longmai-gm3000",
        "watchdata-timecos",
        "haitai-hkey",
        "excelsecu-escsp",
    }
    assert required <= ids
    for model in registry.models:
        assert model.modules, model.id
        for usb in model.usb_ids:
            vid, pid = usb.split(":")
            assert len(vid) == len(pid) == 4
            int(vid, 16), int(pid, 16)
    vkey = registry.by_id("netca-vkey")
    assert vkey is not None
    assert vkey.has(VENDOR_RETRY_COUNT)
    assert vkey.retry_count_function == "NETCA_GetPinRetryInfo"
    # Entries nobody checked against hardware say so.
    assert registry.by_id("longmai-gm3000").verified is False  # type: ignore[union-attr]


def test_named_modules_match_the_registry_by_file_name_and_the_configured_one_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "libnetca-vkey.so"
    module.write_bytes(b"")
    other = tmp_path / "libother.so"
    other.write_bytes(b"")
    monkeypatch.setenv(MODULE_ENV, os.pathsep.join([str(module), str(other), str(module)]))
    assert module_override() == (str(module), str(other), str(module))
    registry = DriverRegistry.load()
    named = registry.candidates(module_override(), "environment")
    assert [c.path for c in named] == [str(module), str(other)]  # each file once
    assert named[0].model is not None
    assert named[0].model.id == "netca-vkey"
    assert named[1].model is None
    found = registry.discover(extra=[str(other)])
    assert (found[0].path, found[0].origin) == (str(other), "config")
    assert all(c.origin == "registry" for c in found[1:])


def test_discovery_finds_modules_by_absolute_path_and_dedupes_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "libreal.so"
    real.write_bytes(b"")
    link = tmp_path / "liblink.so"
    link.symlink_to(real)
    registry_file = tmp_path / "models.toml"
    registry_file.write_text(
        f"""
[[model]]
id = "a"
vendor = "V"
model = "M"
modules.linux = ["{real}", "{link}", "/nonexistent/libx.so"]
modules.windows = []
modules.macos = []
"""
    )
    monkeypatch.delenv(MODULE_ENV, raising=False)
    found = DriverRegistry.load(registry_file).discover(os_name="linux")
    assert [c.path for c in found] == [str(real)]


def test_broken_registry_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "models.toml"
    bad.write_text("[[model]]\nvendor = 'no id'\n")
    with pytest.raises(ConfigError, match="bad driver registry entry"):
        DriverRegistry.load(bad)


def test_client_config_reads_known_settings_and_refuses_unknown(tmp_path: Path) -> None:
    from netca_client.core.config import ClientConfig, load_config

    assert load_config(tmp_path / "absent.toml") == ClientConfig()
    good = tmp_path / "config.toml"
    good.write_text('ra_url = "https://ra.example:8443"\nreminder_days = [60, 14]\n')
    config = load_config(good)
    assert config.ra_url == "https://ra.example:8443"
    assert config.reminder_days == (60, 14)
    bad = tmp_path / "bad.toml"
    bad.write_text('ra_ulr = "typo"\n')
    with pytest.raises(ConfigError, match="unknown settings"):
        load_config(bad)
