"""Settings refuse placeholder secrets outside dev mode; `netca-ra init` keeps secrets private."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
import requests
from pydantic import SecretStr

from netca_ra.settings import RaSettings
from tests.ra.servers import NETCA_RA, RaServer, free_port


@pytest.mark.parametrize("placeholder", ["", "change-me", "secret"])
def test_placeholder_secret_is_refused_outside_dev_mode(tmp_path: Path, placeholder: str) -> None:
    settings = RaSettings(
        data_dir=tmp_path, secret_key=SecretStr(placeholder), sms_http_url="https://sms.invalid/"
    )
    with pytest.raises(ValueError, match="placeholder"):
        settings.check_secrets()
    RaSettings(data_dir=tmp_path, secret_key=SecretStr(placeholder), dev_mode=True).check_secrets()


def test_dev_only_features_are_refused_in_production(tmp_path: Path) -> None:
    real = SecretStr("x" * 43)
    with pytest.raises(ValueError, match="outbox"):
        RaSettings(data_dir=tmp_path, secret_key=real).check_secrets()
    with pytest.raises(ValueError, match="simulated"):
        RaSettings(
            data_dir=tmp_path, secret_key=real, sms_http_url="https://sms.invalid/",
            simulated_payments=True,
        ).check_secrets()  # fmt: skip


def test_production_needs_an_so_pin_master_of_its_own(tmp_path: Path) -> None:
    real = SecretStr("x" * 43)
    settings = RaSettings(
        data_dir=tmp_path, secret_key=real, sms_http_url="https://sms.invalid/", sms_outbox=False
    )
    with pytest.raises(ValueError, match="SO PIN master"):
        settings.check_secrets()
    (tmp_path / "so_pin_master").write_text("y" * 43)
    RaSettings(
        data_dir=tmp_path, secret_key=real, sms_http_url="https://sms.invalid/", sms_outbox=False
    ).check_secrets()


def test_dev_mode_creates_the_so_pin_master_when_missing(tmp_path: Path) -> None:
    settings = RaSettings(data_dir=tmp_path, dev_mode=True)
    settings.ensure_dev_so_pin_master()
    master = tmp_path / "so_pin_master"
    assert stat.S_IMODE(master.stat().st_mode) == 0o600
    assert settings.so_pin_master.get_secret_value() == master.read_text()
    assert settings.so_pin_master_key != settings.effective_secret


def test_serve_refuses_to_start_without_init(tmp_path: Path) -> None:
    result = subprocess.run(
        [NETCA_RA, "--data-dir", str(tmp_path / "empty"), "serve", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "NETCA_RA_SMS_HTTP_URL": "https://sms.invalid/"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_init_writes_private_secrets_and_is_rerunnable(tmp_path: Path) -> None:
    server = RaServer(database_url=f"sqlite:///{tmp_path / 'ra.sqlite3'}", data_dir=tmp_path)
    first = server.ra("init")
    assert "CA: created" in first
    for name in ("secret_key", "so_pin_master", "ca/passphrase", "ca/root.key.pem",
                 "ca/issuing.key.pem", "ca/tsa.key.pem", "ca/seal-maker.key.pem",
                 "ra.sqlite3"):  # fmt: skip
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, f"{name} is {oct(mode)}"
    key_pem = (tmp_path / "ca/issuing.key.pem").read_text()
    assert "ENCRYPTED PRIVATE KEY" in key_pem
    root_before = (tmp_path / "ca/root.crt.pem").read_bytes()
    second = server.ra("init")
    assert "CA: kept" in second
    assert "first admin" not in second
    assert (tmp_path / "ca/root.crt.pem").read_bytes() == root_before


def test_ca_passphrase_can_be_delivered_outside_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    server = RaServer(database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}", data_dir=data_dir)
    server.ra("init")
    credential = tmp_path / "credentials" / "ca-passphrase"
    credential.parent.mkdir()
    (data_dir / "ca" / "passphrase").rename(credential)
    monkeypatch.setenv("NETCA_RA_CA_PASSPHRASE_FILE", str(credential))
    server.start()
    try:
        answer = requests.get(server.api + "/ca/certificates", timeout=30)
        assert answer.status_code == 200
        assert "BEGIN CERTIFICATE" in answer.json()["tsa_pem"]
    finally:
        server.stop()
