"""`netca` as a user runs it, against a SoftHSM2 key: JSON listings, PIN status and change."""

from __future__ import annotations

import datetime as dt
import json

from netca_client.cli.errors import EXIT_PIN_INCORRECT, EXIT_USAGE
from tests.conftest import PIN
from tests.support.softhsm import SoftHsm
from tests.token.conftest import ORG, ORG_CODE, IssuedKey


def test_keys_json_reports_the_key_serial_and_label(netca, issued_key: IssuedKey) -> None:
    entries = netca.json("keys")
    mine = [e for e in entries if e["key"]["serial"] == issued_key.serial]
    assert len(mine) == 1
    assert mine[0]["key"]["label"] == issued_key.label
    assert mine[0]["key"]["model_id"] == "softhsm2"
    assert mine[0]["pin"]["locked"] is False
    assert mine[0]["key"]["module"] == issued_key_module(entries)
    # SoftHSM2's spare (uninitialised) slot is not a key
    assert len(entries) == 1


def issued_key_module(entries: list[dict[str, object]]) -> str:
    modules = {e["key"]["module"] for e in entries}  # type: ignore[index]
    assert len(modules) == 1
    module = str(modules.pop())
    assert module.endswith("libsofthsm2.so")
    return module


def test_certs_json_reports_subject_validity_and_days_left(netca, issued_key: IssuedKey) -> None:
    (group,) = netca.json("certs", "--key", issued_key.serial)
    assert group["key"]["serial"] == issued_key.serial
    certs = {c["key_algorithm"]: c for c in group["certificates"]}
    rsa = certs["RSA"]
    ec = certs["EC secp256r1"]
    assert rsa["subject_cn"] == ORG
    assert rsa["org_code"] == ORG_CODE
    assert rsa["holder_kind"] == "organisation"
    assert rsa["key_size"] == 2048
    assert rsa["serial"] == format(issued_key.rsa_cert.serial_number, "X")
    assert dt.datetime.fromisoformat(rsa["not_after"]) == issued_key.rsa_cert.not_valid_after_utc
    assert rsa["days_left"] == 365
    assert ec["subject_cn"] == "张三"
    assert ec["holder_kind"] == "employee"
    assert ec["key_size"] == 256
    assert ec["days_left"] == 20
    assert dt.datetime.fromisoformat(ec["not_before"]) == issued_key.ec_cert.not_valid_before_utc


def test_certs_text_output_shows_days_left(netca, issued_key: IssuedKey) -> None:
    out = netca("certs", "--key", issued_key.serial).stdout
    assert out.splitlines()[0].startswith(f"{issued_key.label} (serial {issued_key.serial}")
    assert "张三" in out
    assert "20 days left" in out
    assert f"org. code {ORG_CODE}" in out
    assert "\tsigning\t" in out or "\tsigning and encryption\t" in out


def test_pin_change_changes_the_pin(netca, softhsm: SoftHsm, issued_key: IssuedKey) -> None:
    netca("pin", "change", "--key", issued_key.serial, "--pin-stdin", stdin=f"{PIN}\nNew-Pin-42\n")
    # the old PIN no longer logs in, the new one does (checked with OpenSC, not our code)
    old = netca("pin", "change", "--key", issued_key.serial, "--pin-stdin",
                stdin=f"{PIN}\nOther-Pin-43\n", check=False)  # fmt: skip
    assert old.returncode == EXIT_PIN_INCORRECT
    assert "Wrong PIN" in old.stderr
    softhsm.tool(issued_key.label, "--list-objects", "--type", "privkey", pin="New-Pin-42")


def test_pin_change_rejects_the_default_pin_with_the_policy(netca, issued_key: IssuedKey) -> None:
    done = netca("pin", "change", "--key", issued_key.serial, "--pin-stdin",
                 stdin=f"{PIN}\n12345678\n", check=False)  # fmt: skip
    assert done.returncode == EXIT_USAGE
    assert "not the default 12345678" in done.stderr


def test_pin_status_json_after_a_wrong_pin(netca, issued_key: IssuedKey) -> None:
    netca("pin", "change", "--key", issued_key.serial, "--pin-stdin",
          stdin="Wrong-Pin-1\nNew-Pin-42\n", check=False)  # fmt: skip
    (status,) = netca.json("pin", "status", "--key", issued_key.serial)
    assert status["key"]["serial"] == issued_key.serial
    assert status["pin"]["count_low"] is True
    assert status["pin"]["locked"] is False


def test_pin_is_never_taken_from_argv(netca, issued_key: IssuedKey) -> None:
    done = netca("pin", "change", "--key", issued_key.serial, "--pin", PIN, check=False)
    assert done.returncode == EXIT_USAGE
    assert "No such option" in done.stderr


def test_seals_json_lists_seal_objects_and_whether_they_parse(
    netca, softhsm: SoftHsm, issued_key: IssuedKey
) -> None:
    softhsm.write_data(issued_key.label, b"\x30\x03\x02\x01\x01", pin=PIN, name="坏印章",
                       application="GB/T 38540 SES_Seal")  # fmt: skip
    softhsm.write_data(issued_key.label, b"not a seal", pin=PIN, name="other",
                       application="something else")  # fmt: skip
    (group,) = netca.json("seals", "--key", issued_key.serial)
    seals = group["seals"]
    assert [s["label"] for s in seals] == ["坏印章"]
    assert seals[0]["size"] == 5
    assert seals[0]["parses"] is False


def test_unknown_key_gives_a_clear_error(netca, issued_key: IssuedKey) -> None:
    done = netca("certs", "--key", "nope", check=False)
    assert done.returncode == 3
    assert "No USB key found (nope)" in done.stderr


def test_diagnostics_redacts_serials(netca, issued_key: IssuedKey) -> None:
    report = netca.json("diagnostics")
    serials = [k["serial"] for k in report["keys"] if k["label"] == issued_key.label]
    assert serials
    assert issued_key.serial not in serials[0]
    assert serials[0].startswith(issued_key.serial[:4])
    assert [m["model"] for m in report["modules"]] == ["softhsm2"]
    assert issued_key.serial not in json.dumps(report, ensure_ascii=False)
