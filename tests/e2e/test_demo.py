"""`netca demo --no-gui`: the demo world a newcomer meets first, used as the README says.

Port 8600 (the demo's usual port) is held on purpose by a foreign "RA" here: the demo must
bind a port of its own and never talk to another RA. A second demo runs beside the first.
The demo's standard error is shown whenever it fails.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.softhsm import SoftHsm

NETCA = [sys.executable, "-m", "netca_client.cli"]
ORG_PIN = "Demo-Pin-Org1"
SEAL = "广州示例科技有限公司"
READY = "The demo is ready"


class _ForeignRa(BaseHTTPRequestHandler):
    """Looks like an RA from outside (its OpenAPI answers) and knows nothing."""

    def do_GET(self) -> None:
        body = b"{}" if self.path == "/api/v1/openapi.json" else b'{"code": "not_found"}'
        self.send_response(200 if self.path == "/api/v1/openapi.json" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def foreign_ra() -> Iterator[bool]:
    """Another RA on 8600 for the whole module: True when it is ours, so 8600 stays taken
    for the whole module; False when someone else held 8600 already (the same situation
    while they hold it, but they may let it go: a demo may then rightly take it)."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", 8600), _ForeignRa)
    except OSError:
        yield False
        return
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield True
    server.shutdown()
    server.server_close()


@dataclass
class Demo:
    root: Path
    process: subprocess.Popen[str]
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def log(self) -> str:
        return (
            "\n--- demo stdout ---\n"
            + "\n".join(self.out)
            + "\n--- demo stderr ---\n"
            + ("\n".join(self.err))
        )

    def env(self, **extra: str) -> dict[str, str]:
        """The environment after `eval "$(netca demo env)"`, as the README says."""
        done = subprocess.run(
            [*NETCA, "demo", "env", "--dir", str(self.root)],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr + self.log()
        env = {k: v for k, v in os.environ.items() if k != "NETCA_PKCS11_MODULE"}
        for line in done.stdout.splitlines():
            if line.startswith("export "):
                name, _, value = line.removeprefix("export ").partition("=")
                env[name] = shlex.split(value)[0]
        return {**env, "NETCA_LANG": "zh_CN", **extra}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_demo(root: Path) -> Demo:
    """`netca demo --no-gui --dir ROOT`, read until it is ready (its stderr shown if not)."""
    process = subprocess.Popen(
        [*NETCA, "demo", "--no-gui", "--dir", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NETCA_LANG": "en"},
    )  # fmt: skip
    demo = Demo(root, process)
    assert process.stderr is not None
    assert process.stdout is not None
    threading.Thread(
        target=lambda: demo.err.extend(line.rstrip("\n") for line in process.stderr),  # type: ignore[union-attr]
        daemon=True,
    ).start()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        demo.out.append(line.rstrip("\n"))
        if line.startswith(READY):
            return demo
    demo.stop()
    time.sleep(0.2)  # the stderr reader catches up
    pytest.fail(f"the demo did not get ready (exit {process.poll()}){demo.log()}")


def _line(demo: Demo, prefix: str) -> str:
    return next(line for line in demo.out if line.startswith(prefix))


def run(env: dict[str, str], *args: str, stdin: str | None = None, demo: Demo) -> str:
    done = subprocess.run(
        [*NETCA, *args], env=env, input=stdin, capture_output=True, text=True, check=False,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, f"netca {' '.join(args)}: {done.stderr}{demo.log()}"
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def first(foreign_ra: bool, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    demo = start_demo(tmp_path_factory.mktemp("demo-a") / "demo")
    yield demo
    demo.stop()


def test_a_second_demo_on_the_same_directory_stops_with_a_clear_message(first: Demo) -> None:
    done = subprocess.run(
        [*NETCA, "demo", "--no-gui", "--dir", str(first.root)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "NETCA_LANG": "zh_CN"},
    )  # fmt: skip
    assert done.returncode == 1
    assert "本演示的 RA 端口" in done.stderr
    assert "正被另一个程序占用" in done.stderr
    assert "Traceback" not in done.stderr
    assert first.process.poll() is None, first.log()


@pytest.mark.timeout(600)
def test_the_demo_uses_its_own_ra_and_the_readme_commands_work_without_extra_flags(
    first: Demo, foreign_ra: bool, tmp_path: Path
) -> None:
    demo = first
    assert demo.process.poll() is None, demo.log()
    ra = _line(demo, "RA: ").split()[1]
    if foreign_ra:
        assert not ra.endswith(":8600"), "8600 is held by another RA here" + demo.log()
    with urllib.request.urlopen(f"{ra}/api/v1/profiles", timeout=5) as answer:  # noqa: S310
        assert answer.status == 200
        assert json.load(answer)
    assert (demo.root / "staff-login.txt").stat().st_mode & 0o777 == 0o600
    # The demo web site (web login, docs/web-bridge.md) is printed and answers.
    site = _line(demo, "Web login demo: ").split()[3]
    with urllib.request.urlopen(site, timeout=5) as page:  # noqa: S310 - loopback
        assert "使用 USB Key 登录" in page.read().decode("utf-8")

    # A SoftHSM2 token made outside the project, on a module of its own.
    hsm = SoftHsm.create(tmp_path / "outside")
    hsm.init_token("外部Key", pin="Pin-12345678", so_pin="So-Pin-12345678")
    env = demo.env(SOFTHSM2_CONF=str(hsm.conf))

    keys = {e["key"]["label"]: e for e in json.loads(run(env, "keys", "--json", demo=demo))}
    with urllib.request.urlopen(f"{ra}/api/v1/keys/{keys['李四']['key']['serial']}") as known:  # noqa: S310
        assert known.status == 200
    vkeys = ("示例单位", "张三", "李四", "王五", "赵六", "钱七", "双证书单位")
    assert set(keys) == {*vkeys, "外部Key"}
    modules = {label: Path(e["key"]["module"]).name for label, e in keys.items()}
    assert modules["外部Key"] == "libsofthsm2.so"
    assert {modules[k] for k in vkeys} == {"libnetca-vkey.so"}
    assert keys["李四"]["pin"]["locked"] is True
    assert keys["王五"]["awaiting_activation"] is True
    assert keys["张三"]["pin"]["tries_left"] == 10
    text = run(env, "keys", demo=demo)
    assert len(text.splitlines()) == 8
    assert "libsofthsm2.so" in text

    certs = json.loads(run(env, "certs", "--json", demo=demo))
    assert {g["key"]["label"] for g in certs} == set(keys)
    days = {g["key"]["label"]: [c["days_left"] for c in g["certificates"]] for g in certs}
    assert days["张三"] == [20]
    assert days["外部Key"] == []
    # 国密: the dual key holds an RSA and an SM2 certificate, both listed with their algorithm
    dual = next(g for g in certs if g["key"]["label"] == "双证书单位")["certificates"]
    assert sorted(c["key_algorithm"] for c in dual) == ["RSA", "SM2"]
    assert len(json.loads(run(env, "pin", "status", "--json", demo=demo))) == 8
    seals = run(env, "seals", demo=demo)  # trusted through the profile: no --trust
    assert f"{SEAL}\t单位印章\t" in seals
    assert "\t有效\t" in seals
    assert seals.count("（序列号 ") == 8, seals
    # the dual key's SM2 seal: its SM2 maker chains to the SM2 root the profile trusts
    assert "\t有效\t" in run(env, "seals", "--key", "双证书单位", demo=demo)
    # 赵六's seal application is under review, 钱七's seal waits to be installed
    assert "审核中" in run(env, "seal", "status", "--key", keys["赵六"]["key"]["serial"], demo=demo)
    ready = run(env, "seal", "status", "--key", keys["钱七"]["key"]["serial"], demo=demo)
    assert "印章待安装" in ready

    signed = tmp_path / "投标函-signed.pdf"
    out = run(
        env, "sign", str(demo.root / "投标函.pdf"), "-o", str(signed), "--seal", SEAL,
        "--keyword", "盖章", "--level", "B-T", "--pin-stdin", stdin=f"{ORG_PIN}\n", demo=demo,
    )  # fmt: skip
    assert "（1 处印章，B-T）" in out
    report = run(env, "verify", str(signed), demo=demo)
    assert "结论：有效" in report
    assert "证书：受信任" in report
    assert "时间戳：" in report
    assert "，有效" in report

    _ocsp_says_good(demo.root, env)
    _newcomer_activates_and_unlocks(demo, env)
    _watch_sees_an_unplug_within_a_second(demo, env)

    # Started again, the demo keeps its port and tells the keys as they are now.
    demo.stop()
    again = start_demo(demo.root)
    try:
        assert _line(again, "RA: ").split()[1] == ra
        assert not any("first run" in line for line in again.err), again.log()
        assert "locked" not in _line(again, "  李四")
        assert "(the holder's own)" in _line(again, "  李四")
        assert "awaiting activation" not in _line(again, "  王五")
    finally:
        again.stop()
    # Its RA went with it: soon nothing there knows 李四 any more (refused, or someone
    # else's). A demo killed after its stop timed out (a loaded machine) leaves its RA to
    # finish shutting down on its own (SIGTERM from the parent-death signal): allow for that.
    li_si = keys["李四"]["key"]["serial"]
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{ra}/api/v1/keys/{li_si}", timeout=2)  # noqa: S310
        except OSError:  # refused, or reset by an RA caught shutting down (URLError is one)
            break
        assert time.monotonic() < deadline, "the demo's RA still answers 30 s after its stop"
        time.sleep(0.2)


@pytest.mark.timeout(600)
def test_two_demos_at_once_each_keep_to_their_own_ra(foreign_ra: bool, tmp_path: Path) -> None:
    one = start_demo(tmp_path / "one")
    try:
        two = start_demo(tmp_path / "two")
        try:
            urls = [_line(d, "RA: ").split()[1] for d in (one, two)]
            assert len(set(urls)) == 2
            if foreign_ra:
                assert not any(u.endswith(":8600") for u in urls)
            for demo, url in zip((one, two), urls, strict=True):
                env = demo.env()
                assert f'ra_url = "{url}"' in (demo.root / "client.toml").read_text()
                keys = json.loads(run(env, "keys", "--json", demo=demo))
                labels = {"示例单位", "张三", "李四", "王五", "赵六", "钱七", "双证书单位"}
                assert {e["key"]["label"] for e in keys} == labels
                assert "\t有效\t" in run(env, "seals", "--key", "示例单位", demo=demo)
            # Each RA knows its own keys only (李四 was provisioned through its demo's RA).
            listed = json.loads(run(two.env(), "keys", "--json", demo=two))
            serial = next(e["key"]["serial"] for e in listed if e["key"]["label"] == "李四")
            with urllib.request.urlopen(f"{urls[1]}/api/v1/keys/{serial}", timeout=5) as known:  # noqa: S310
                assert known.status == 200
            with pytest.raises(urllib.error.HTTPError) as unknown:
                urllib.request.urlopen(f"{urls[0]}/api/v1/keys/{serial}", timeout=5)  # noqa: S310
            assert unknown.value.code == 404
        finally:
            two.stop()
    finally:
        one.stop()


def _ocsp_says_good(root: Path, env: dict[str, str]) -> None:
    """The RA's OCSP responder, at the address the certificate carries, knows the demo cert."""
    import requests
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp
    from cryptography.x509.oid import AuthorityInformationAccessOID

    from netca_client.core.certs import key_certificates
    from netca_client.core.token import TokenLibrary
    from netca_vkey.module import module_path

    os.environ["NETCA_VKEY_DIR"] = env["NETCA_VKEY_DIR"]
    library = TokenLibrary.load(module_path())
    try:
        with library.open(library.find("张三")) as session:
            der = key_certificates(session)[0].der
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


def _newcomer_activates_and_unlocks(demo: Demo, env: dict[str, str]) -> None:
    """王五 awaits activation and 李四 is locked: no --key needed to say which. The codes are
    in the demo RA's outbox (its SMS page shows them), sent to the handler on record."""
    from netca_ra.sms.gateway import latest_code

    phone = "13800138005"
    handler = ["--name", "王小明", "--id-number", "44010119900307002X", "--mobile", phone]
    env = {**env, "NETCA_JOURNAL_DIR": str(demo.root / "client-journal")}
    for command, pin, done_text in (
        (["activate"], "Wang-Wu-Pin-1", "激活成功"),
        (["unlock", *handler], "Li-Si-Pin-2", "解锁成功"),
    ):
        before = latest_code(demo.root / "ra", phone)
        process = subprocess.Popen(
            [*NETCA, *command, "--stdin"],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        code = before
        while code == before and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            code = latest_code(demo.root / "ra", phone)
        out, _ = process.communicate(f"{code}\n{pin}\n", timeout=60)
        assert process.returncode == 0, out + demo.log()
        assert done_text in out


def _watch_sees_an_unplug_within_a_second(demo: Demo, env: dict[str, str]) -> None:
    watch = subprocess.Popen(
        [*NETCA, "watch", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert watch.stdout is not None
        # the seven vkey keys and the outside one
        present = [json.loads(watch.stdout.readline()) for _ in range(8)]
        assert {e["event"] for e in present} == {"inserted"}
        subprocess.run(
            [sys.executable, "-m", "netca_vkey", "unplug", "张三"], env=env, check=True,
            capture_output=True,
        )  # fmt: skip
        pulled = time.monotonic()
        event = json.loads(watch.stdout.readline())
        assert (event["event"], event["key"]["label"]) == ("removed", "张三")
        assert time.monotonic() - pulled < 1.0
    finally:
        watch.terminate()
        watch.wait(timeout=10)
        subprocess.run(
            [sys.executable, "-m", "netca_vkey", "plug", "张三"], env=env, check=True,
            capture_output=True,
        )  # fmt: skip
