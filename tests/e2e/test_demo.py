"""`netca demo --no-gui`: the demo world a newcomer meets first, as a script would use it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

NETCA = [sys.executable, "-m", "netca_client.cli"]


@pytest.fixture
def demo(tmp_path: Path):  # type: ignore[no-untyped-def]
    process = subprocess.Popen(
        [*NETCA, "demo", "--no-gui", "--dir", str(tmp_path / "demo")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NETCA_LANG": "en"},
    )
    lines: list[str] = []
    deadline = time.monotonic() + 180
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("plug/unplug"):
            break
    summary = {
        line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
        for line in lines
        if ":" in line
    }
    yield process, summary, lines
    if process.poll() is None:
        process.kill()
        process.wait()


def test_demo_serves_the_ra_and_the_keys_until_interrupted(demo) -> None:  # type: ignore[no-untyped-def]
    process, summary, lines = demo
    assert process.poll() is None, "\n".join(lines)
    ra = summary["RA"]
    with urllib.request.urlopen(f"{ra}/api/v1/openapi.json", timeout=5) as answer:  # noqa: S310
        assert answer.status == 200
    vkey_dir = summary["vkey dir"].split()[0]
    env = {**os.environ, "NETCA_VKEY_DIR": vkey_dir, "NETCA_LANG": "en"}
    env["NETCA_PKCS11_MODULE"] = summary["PKCS#11"]

    def netca(*args: str) -> object:
        done = subprocess.run(
            [*NETCA, *args, "--json"], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)

    keys = {entry["key"]["label"]: entry for entry in netca("keys")}  # type: ignore[union-attr]
    assert set(keys) == {"示例单位", "张三", "李四", "王五"}
    assert keys["李四"]["pin"]["locked"] is True
    assert keys["张三"]["pin"]["tries_left"] == 10
    employee = netca("certs", "--key", "张三")
    assert [c["certificate"]["days_left"] for c in employee] == [20]  # type: ignore[index]
    trust = summary["seal trust"].replace("--trust ", "").split()
    seals = netca("seals", "--key", "示例单位", *[a for t in trust for a in ("--trust", t)])
    assert [s["verdict"] for s in seals] == ["valid"]  # type: ignore[index]
    assert any(line.startswith("  张三") and "Demo-Pin-" in line for line in lines)

    root = Path(summary["RA staff"].split()[0]).parent
    _ocsp_says_good(root, vkey_dir, summary["PKCS#11"])
    _newcomer_activates_and_unlocks(root, {**env, "NETCA_RA_URL": ra})

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{ra}/api/v1/openapi.json", timeout=2)  # noqa: S310


def _ocsp_says_good(root: Path, vkey_dir: str, module: str) -> None:
    """The RA's OCSP responder, at the address the certificate carries, knows the demo cert."""
    import requests
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp
    from cryptography.x509.oid import AuthorityInformationAccessOID

    from netca_client.core.token import TokenLibrary

    os.environ["NETCA_VKEY_DIR"] = vkey_dir
    library = TokenLibrary.load(module)
    try:
        with library.open(library.find("张三")) as session:
            der = session.certificates()[0].der
    finally:
        library.close()
    cert = x509.load_der_x509_certificate(der)
    issuer = x509.load_pem_x509_certificate((root / "ra" / "ca" / "issuing.crt.pem").read_bytes())
    aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    url = next(
        d.access_location.value
        for d in aia
        if d.access_method == AuthorityInformationAccessOID.OCSP
    )
    # SHA-1 in CertID is what OCSP clients send by default (RFC 6960), not a signature.
    request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()  # noqa: S303
    answer = requests.post(
        url,
        data=request.public_bytes(serialization.Encoding.DER),
        headers={"Content-Type": "application/ocsp-request"},
        timeout=10,
    )
    assert answer.status_code == 200
    assert (
        ocsp.load_der_ocsp_response(answer.content).certificate_status == ocsp.OCSPCertStatus.GOOD
    )


def _newcomer_activates_and_unlocks(root: Path, env: dict[str, str]) -> None:
    """王五 awaits activation and 李四 is locked; the codes are in the demo RA's outbox (its
    SMS page shows them), sent to the handler on record, 王小明."""
    from netca_ra.sms.gateway import latest_code

    phone = "13800138005"
    handler = ["--name", "王小明", "--id-number", "44010119900307002X", "--mobile", phone]
    env = {**env, "NETCA_JOURNAL_DIR": str(root / "client-journal"), "NETCA_LANG": "zh_CN"}
    for command, pin, done_text in (
        (["activate", "--key", "王五"], "Wang-Wu-Pin-1", "激活成功"),
        (["unlock", "--key", "李四", *handler], "Li-Si-Pin-2", "解锁成功"),
    ):
        before = latest_code(root / "ra", phone)
        process = subprocess.Popen(
            [*NETCA, *command, "--stdin"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 30
        code = before
        while code == before and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            code = latest_code(root / "ra", phone)
        out, _ = process.communicate(f"{code}\n{pin}\n", timeout=60)
        assert process.returncode == 0, out
        assert done_text in out
