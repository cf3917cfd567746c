"""The update check over real HTTPS on loopback, with a throwaway CA and a throwaway signing
key: a valid signed manifest offers the update; a bad signature, a wrong hash or a downgrade
is refused with a clear message; nothing is downloaded before the download is asked for."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netca_client.core import updates
from netca_client.core.config import ClientConfig, load_config
from tests.packaging.release_server import ReleaseServer, release_server, sign_manifest_tool

INSTALLER = b"pretend installer " * 4096
PLATFORM = "linux-deb"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReleaseServer]:
    with release_server(tmp_path) as running:
        # the throwaway CA is trusted the way a holder's system trusts a real one
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(running.ca_file))
        running.files["/netca-client_0.2.0_amd64.deb"] = INSTALLER
        yield running


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def release(server: ReleaseServer, version: str, *, sha256: str | None = None) -> dict[str, object]:
    return {
        "version": version,
        "notes": {"zh_CN": "修复若干问题。", "en": "Fixes."},
        "files": [
            {
                "platform": PLATFORM,
                "url": server.url("/netca-client_0.2.0_amd64.deb"),
                "size": len(INSTALLER),
                "sha256": sha256 or hashlib.sha256(INSTALLER).hexdigest(),
            }
        ],
    }


def source(url: str, key: Ed25519PrivateKey) -> updates.UpdateSource:
    public = sign_manifest_tool().public_key_text(key)
    config = ClientConfig(update_url=url, update_public_key=public)
    found = updates.update_source(config, bundled=Path("/nonexistent"))
    assert found is not None
    return found


def test_a_valid_signed_manifest_offers_the_newer_release_and_fetches_nothing_else(
    server: ReleaseServer, key: Ed25519PrivateKey
) -> None:
    url = server.publish_manifest([release(server, "0.1.5"), release(server, "0.2.0")], key)
    offer = updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert offer is not None
    assert offer.release.version == "0.2.0"
    assert offer.release.notes["zh_CN"] == "修复若干问题。"
    assert offer.file.name == "netca-client_0.2.0_amd64.deb"
    assert server.requests == ["/releases.json"]  # the installer was not touched


def test_the_offered_file_is_kept_after_the_click_when_its_hash_matches(
    server: ReleaseServer, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = server.publish_manifest([release(server, "0.2.0")], key)
    offer = updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert offer is not None
    path = updates.download(offer, tmp_path / "updates")
    assert path.read_bytes() == INSTALLER
    assert server.requests == ["/releases.json", "/netca-client_0.2.0_amd64.deb"]


def test_a_manifest_signed_by_another_key_is_refused(
    server: ReleaseServer, key: Ed25519PrivateKey
) -> None:
    url = server.publish_manifest([release(server, "0.2.0")], Ed25519PrivateKey.generate())
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert refused.value.reason == "signature"


def test_a_manifest_changed_after_signing_is_refused(
    server: ReleaseServer, key: Ed25519PrivateKey
) -> None:
    url = server.publish_manifest([release(server, "0.2.0")], key)
    signed = server.files["/releases.json"]
    tool = sign_manifest_tool()
    import base64
    import json

    outer = json.loads(signed)
    payload = base64.b64decode(outer["payload"]).replace(b"0.2.0", b"9.2.0")
    outer["payload"] = base64.b64encode(payload).decode()
    server.files["/releases.json"] = json.dumps(outer).encode()
    assert tool.envelope(payload, key) != server.files["/releases.json"]
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert refused.value.reason == "signature"


def test_a_download_whose_hash_differs_from_the_signed_manifest_is_deleted(
    server: ReleaseServer, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = server.publish_manifest([release(server, "0.2.0", sha256="0" * 64)], key)
    offer = updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert offer is not None
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.download(offer, tmp_path / "updates")
    assert refused.value.reason == "hash"
    assert list((tmp_path / "updates").iterdir()) == []


def test_a_manifest_whose_newest_release_is_older_is_refused_as_a_downgrade(
    server: ReleaseServer, key: Ed25519PrivateKey
) -> None:
    url = server.publish_manifest([release(server, "0.0.9")], key)
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert refused.value.reason == "downgrade"
    assert refused.value.data == {"offered": "0.0.9", "current": "0.1.0"}


def test_the_same_version_is_no_offer(server: ReleaseServer, key: Ed25519PrivateKey) -> None:
    url = server.publish_manifest([release(server, "0.1.0")], key)
    assert updates.check(source(url, key), current="0.1.0", platform=PLATFORM) is None


def test_the_running_version_is_the_installed_distribution() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert updates.current_version() == pyproject["project"]["version"]


def test_a_server_certificate_the_system_does_not_trust_is_refused(
    server: ReleaseServer, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.publish_manifest([release(server, "0.2.0")], key)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.check(source(url, key), current="0.1.0", platform=PLATFORM)
    assert refused.value.reason == "transport"
    assert "certificate" in refused.value.detail.lower()


def test_a_plain_http_address_is_refused_before_any_request(key: Ed25519PrivateKey) -> None:
    with pytest.raises(updates.UpdateRefused) as refused:
        updates.check(source("http://127.0.0.1:9/releases.json", key), current="0.1.0")
    assert refused.value.reason == "insecure-url"


def test_the_check_is_off_without_a_source_as_in_development(tmp_path: Path) -> None:
    assert updates.update_source(load_config(tmp_path / "absent.toml")) is None
    assert not updates.BUNDLED_SOURCE.exists()  # a source tree carries no release source


def test_settings_name_the_source_and_survive_a_save(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    from netca_client.core.config import save_config

    public = sign_manifest_tool().public_key_text(key)
    path = save_config(
        ClientConfig(update_url="https://example.invalid/r.json", update_public_key=public),
        tmp_path / "config.toml",
    )
    found = updates.update_source(load_config(path), bundled=Path("/nonexistent"))
    assert found is not None
    assert found.url == "https://example.invalid/r.json"
