"""Issue 8 end to end: provisioning, activation and unlock through vkey keys, the live RA
over HTTP, the `netca` CLI in its own processes, and the client's key layer in this one.

Secrets (PINs, SO PINs, SMS codes) reach the CLI only on standard input. Every one of them
is collected in ``World.secrets``; the last test greps the RA's log and database, the
client's files and every command line for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from netca_client.core.errors import PinIncorrect, PinLocked
from netca_client.core.ra.client import RaClient
from netca_client.core.token import KeyRef, TokenLibrary
from netca_client.core.workflows import provision as provision_module
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.provision import Provisioner
from netca_client.core.workflows.staff import StaffSession
from netca_ra.services.so_pin import derive_so_pin
from netca_ra.sms.gateway import read_outbox
from tests.ra import helpers
from tests.ra.servers import STAFF_PASSWORD, RaServer
from tests.ra.test_console_browser import browser
from tests.support.vkey import VkeyWorld

__all__ = ["browser"]  # the console's headless Chromium fixture

NETCA = [sys.executable, "-m", "netca_client.cli"]
FACTORY_SO_PIN = "87654321"  # netca-vkey's default: a blank key as it leaves the factory
HANDLER = {"name": "张三", "id_number": "44010119900101123X"}

Answer = str | Callable[[], str]


@dataclass
class World:
    ra: RaServer
    vkeys: VkeyWorld
    home: Path
    library: TokenLibrary
    secrets: set[str] = field(default_factory=set)
    argv: list[list[str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    running: subprocess.Popen[str] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {
            **self.vkeys.env,
            "NETCA_RA_URL": self.ra.base_url,
            "NETCA_JOURNAL_DIR": str(self.home / "journal"),
            "NETCA_LANG": "zh_CN",
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }

    def netca(
        self, *args: str, answers: list[Answer] = (), env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `netca ARGS --stdin`, feeding each answer as the CLI comes to need it."""
        argv = [*NETCA, *args]
        self.argv.append(argv)
        out = self.home / f"netca-{len(self.argv)}.out"
        self.outputs.append(out)
        with out.open("w") as sink:
            process = subprocess.Popen(
                argv,
                env={**self.env, **(env or {})},
                stdin=subprocess.PIPE,
                stdout=sink,
                stderr=subprocess.STDOUT,
                text=True,
            )
            assert process.stdin is not None
            self.running = process
            for answer in answers:
                line = answer if isinstance(answer, str) else answer()
                try:
                    process.stdin.write(line + "\n")
                    process.stdin.flush()
                except BrokenPipeError:
                    break
            process.stdin.close()
            code = process.wait(timeout=180)
        return subprocess.CompletedProcess(argv, code, out.read_text(), "")

    def code_for(self, phone: str) -> Callable[[], str]:
        """An answer that waits for the next SMS code to ``phone`` in the RA's dev outbox."""
        seen = len(self._codes(phone))

        def wait() -> str:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if self.running is not None and self.running.poll() is not None:
                    return ""  # the command ended without asking; its output tells why
                codes = self._codes(phone)
                if len(codes) > seen:
                    self.secrets.add(codes[-1])
                    return codes[-1]
                time.sleep(0.1)
            raise AssertionError(f"no new SMS code for {phone} within 60 s")

        return wait

    def _codes(self, phone: str) -> list[str]:
        import re

        found = []
        for message in read_outbox(self.ra.data_dir):
            match = re.search(r"验证码为(\d{6})", message.text)
            if message.phone == phone and match:
                found.append(match.group(1))
        return found

    def so_pin(self, serial: str, version: int) -> str:
        master = (self.ra.data_dir / "so_pin_master").read_bytes().strip()
        pin = derive_so_pin(master, serial=serial, version=version)
        self.secrets.add(pin)
        return pin

    def a_minute_passes(self) -> None:
        """Move every request's last code a minute into the past (the RA's clock is real)."""
        from datetime import timedelta

        from sqlalchemy import create_engine, update

        from netca_ra.models import KeyRequest, utcnow

        engine = create_engine(self.ra.database_url)
        try:
            with engine.begin() as db:
                db.execute(update(KeyRequest).values(last_code_at=utcnow() - timedelta(minutes=2)))
        finally:
            engine.dispose()

    def key(self, serial: str) -> KeyRef:
        # SoftHSM2 under vkey loads a token's PINs once per C_Initialize: after another
        # process changed them, this process must start the module again to see it.
        self.library.reinitialize()
        return self.library.find(serial)

    def staff(self, username: str) -> StaffSession:
        with RaClient(self.ra.base_url) as ra:
            out = ra.staff_login(username, STAFF_PASSWORD)
        return StaffSession(
            self.ra.base_url, out.token, out.username, out.display_name, out.role.value,
            out.expires_at,
        )  # fmt: skip

    def bearer(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.staff(username).token}"}


def paid_order(ra: RaServer) -> dict[str, Any]:
    """An approved, paid new employee-certificate order whose handler is HANDLER."""
    return helpers.paid_new_order(ra, handler={**HANDLER, "mobile": helpers.fresh_mobile()})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("key-workflows")
    data_dir = root / "ra"
    data_dir.mkdir()
    server = RaServer(
        database_url=f"sqlite:///{data_dir / 'ra.sqlite3'}",
        data_dir=data_dir,
        log_path=root / "ra.log",
    )
    server.initialise()
    server.start()
    vkeys = VkeyWorld.create(root / "keys")
    saved = os.environ.get("NETCA_VKEY_DIR")
    os.environ["NETCA_VKEY_DIR"] = str(vkeys.state_dir)
    vkeys.state_dir.mkdir(parents=True, exist_ok=True)
    library = TokenLibrary.load(vkeys.module)
    home = root / "home"
    home.mkdir()
    try:
        yield World(server, vkeys, home, library)
    finally:
        library.close()
        server.stop()
        if saved is None:
            os.environ.pop("NETCA_VKEY_DIR", None)
        else:
            os.environ["NETCA_VKEY_DIR"] = saved


@dataclass
class Provisioned:
    serial: str
    label: str
    order: dict[str, Any]
    random_pin: str
    certificate_serial: str

    @property
    def phone(self) -> str:
        return str(self.order["order"]["handler"]["mobile"])


def _blank_key(world: World, label: str) -> str:
    serial = world.vkeys.init_token(label, pin="12345678", so_pin=FACTORY_SO_PIN)
    world.library.reinitialize()
    return serial


@pytest.fixture(scope="module")
def provisioned(world: World, monkeypatch_module: pytest.MonkeyPatch) -> Provisioned:
    """Key A, provisioned in this process through the workflow (its random PIN observed)."""
    serial = _blank_key(world, "key-a")
    order = paid_order(world.ra)
    seen: list[str] = []
    real = provision_module.random_user_pin

    def observed(length: int = 16) -> str:
        pin = real(length)
        seen.append(pin)
        return pin

    monkeypatch_module.setattr(provision_module, "random_user_pin", observed)
    with RaClient(world.ra.base_url) as ra:
        provisioner = Provisioner(
            world.library, ra, ra_url=world.ra.base_url, journal=Journal(world.home / "journal")
        )
        steps: list[str] = []
        result = provisioner.provision(
            world.staff("counter1"),
            order["order"]["order_no"],
            world.key(serial),
            factory_so_pin=FACTORY_SO_PIN,
            progress=lambda step: steps.append(step.value),
        )
    assert steps[-1] == "done"
    assert len(seen) == 1
    world.secrets.update(seen)
    return Provisioned(serial, "key-a", order, seen[0], result.certificate_serial)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _issued_pem(world: World, serial_hex: str) -> str:
    import sqlite3

    with sqlite3.connect(world.ra.data_dir / "ra.sqlite3") as db:
        row = db.execute("select pem from certificates where serial_hex = ?", (serial_hex,))
        found = row.fetchone()
    assert found, f"the RA has no certificate {serial_hex}"
    return str(found[0])


def _login_works(world: World, serial: str, pin: str) -> bool:
    with world.library.open(world.key(serial)) as session:
        try:
            session.login(pin, allow_final_try=True)
        except (PinIncorrect, PinLocked):
            return False
        session.logout()
        return True


def _so_login_works(world: World, serial: str, so_pin: str) -> bool:
    with world.library.open(world.key(serial), rw=True) as session:
        try:
            session.login_so(so_pin)
        except PinIncorrect:
            return False
        session.logout()
        return True


def _tries(world: World, serial: str) -> tuple[int | None, bool]:
    with world.library.open(world.key(serial)) as session:
        status = session.pin_status()
    return status.tries_left, status.locked


# --- provisioning ---------------------------------------------------------------------------


def test_provisioning_installs_the_issued_certificate(
    world: World, provisioned: Provisioned
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    issued = x509.load_pem_x509_certificate(
        _issued_pem(world, provisioned.certificate_serial).encode()
    )
    with world.library.open(world.key(provisioned.serial)) as session:
        on_key = session.certificate_objects()
        marks = session.read_data("netca-client", "awaiting-activation")
    assert [c.der for c in on_key] == [issued.public_bytes(Encoding.DER)]
    assert marks is not None
    assert _so_login_works(world, provisioned.serial, world.so_pin(provisioned.serial, 1))
    status = requests.get(f"{world.ra.api}/keys/{provisioned.serial}", timeout=10).json()
    assert status["state"] == "awaiting_activation"
    assert status["activation_allowed"] is False  # not re-checked (复审) yet


def test_cli_provisioning_refuses_keys_that_are_not_blank(
    world: World, provisioned: Provisioned
) -> None:
    order_no = paid_order(world.ra)["order"]["order_no"]
    staff_answers: list[Answer] = ["counter1", STAFF_PASSWORD, FACTORY_SO_PIN]
    taken = world.netca(
        "staff", "provision", order_no, "--key", provisioned.serial, "--stdin",
        answers=staff_answers,
    )  # fmt: skip
    assert taken.returncode != 0
    assert "不是空白 Key" in taken.stdout

    used = _blank_key(world, "key-used")
    with world.library.open(world.key(used), rw=True) as session:
        session.write_data("netca-client", "awaiting-activation", b"{}")  # from another order
    refused = world.netca(
        "staff", "provision", order_no, "--key", used, "--stdin", answers=staff_answers
    )
    assert refused.returncode == 3
    assert "不是空白 Key（已有data）" in refused.stdout
    status = requests.get(f"{world.ra.api}/keys/{used}", timeout=10)
    assert status.status_code == 404  # the RA never heard of it


# --- activation -----------------------------------------------------------------------------


def test_activation_waits_for_the_recheck_then_sets_the_holders_pin(
    world: World, provisioned: Provisioned
) -> None:
    new_pin = "Zhang-San-2026!"
    world.secrets.add(new_pin)
    refused = world.netca("activate", "--key", provisioned.serial, "--stdin")
    assert refused.returncode != 0
    assert "暂不能激活" in refused.stdout

    order_no = provisioned.order["order"]["order_no"]
    response = requests.post(
        f"{world.ra.api}/staff/orders/{order_no}/recheck",
        headers=world.bearer("reviewer1"),
        timeout=10,
    )
    assert response.status_code == 200, response.text

    code = world.code_for(provisioned.phone)
    done = world.netca(
        "activate", "--key", provisioned.serial, "--stdin",
        answers=[lambda: code()[:5], lambda: code(), new_pin],  # a digit short first: a typo
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "验证码是 6 位数字，请重新输入（本次不计入尝试次数）" in done.stdout
    assert "验证码错误" not in done.stdout  # the typo was never sent: no try spent on it
    assert "激活成功" in done.stdout
    assert _login_works(world, provisioned.serial, new_pin)
    assert not _login_works(world, provisioned.serial, provisioned.random_pin)
    assert _login_works(world, provisioned.serial, new_pin)  # and the count is reset
    assert _tries(world, provisioned.serial) == (10, False)
    assert not _so_login_works(world, provisioned.serial, world.so_pin(provisioned.serial, 1))
    assert _so_login_works(world, provisioned.serial, world.so_pin(provisioned.serial, 2))
    with world.library.open(world.key(provisioned.serial)) as session:
        assert session.read_data("netca-client", "awaiting-activation") is None
    status = requests.get(f"{world.ra.api}/keys/{provisioned.serial}", timeout=10).json()
    assert status["state"] == "active"
    returned = requests.post(
        f"{world.ra.api}/staff/keys/{provisioned.serial}/return",
        headers=world.bearer("counter1"),
        timeout=10,
    )
    assert returned.status_code == 409
    assert returned.json()["code"] == "key_activated"


# --- unlock ---------------------------------------------------------------------------------


def _lock(world: World, serial: str) -> None:
    with world.library.open(world.key(serial)) as session:
        for _ in range(10):
            with pytest.raises(PinIncorrect):
                session.login("Wrong-Pin-000", allow_final_try=True)
    assert _tries(world, serial) == (0, True)


def _handler_args(phone: str, **changes: str) -> list[str]:
    handler = {**HANDLER, "mobile": phone, **changes}
    return [
        "--name",
        handler["name"],
        "--id-number",
        handler["id_number"],
        "--mobile",
        handler["mobile"],
    ]


def test_unlock_with_the_handler_on_record(world: World, provisioned: Provisioned) -> None:
    _lock(world, provisioned.serial)
    new_pin = "Unlocked-Pin-77"
    world.secrets.add(new_pin)
    done = world.netca(
        "unlock", "--key", provisioned.serial, "--stdin", *_handler_args(provisioned.phone),
        answers=[world.code_for(provisioned.phone), new_pin],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "解锁成功" in done.stdout
    assert _tries(world, provisioned.serial) == (10, False)
    assert _login_works(world, provisioned.serial, new_pin)
    assert _so_login_works(world, provisioned.serial, world.so_pin(provisioned.serial, 3))


def test_sigkill_after_the_so_pin_release_is_finished_on_restart(
    world: World, provisioned: Provisioned
) -> None:
    _lock(world, provisioned.serial)
    first_pin, final_pin = "Before-Crash-1a", "After-Crash-2b!"
    world.secrets.update({first_pin, final_pin})
    killed = world.netca(
        "unlock", "--key", provisioned.serial, "--stdin", *_handler_args(provisioned.phone),
        answers=[world.code_for(provisioned.phone), first_pin],
        env={"NETCA_FAULT_INJECT": "after-so-pin-release"},
    )  # fmt: skip
    assert killed.returncode == -9
    journal = list((world.home / "journal").glob("*.json"))
    assert len(journal) == 1
    assert '"step": "released"' in journal[0].read_text()
    assert _tries(world, provisioned.serial) == (0, True)  # untouched so far

    world.a_minute_passes()  # the RA sends at most one code a minute
    resumed = world.netca(
        "resume", "--key", provisioned.serial, "--stdin",
        answers=[world.code_for(provisioned.phone), final_pin],
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stdout
    assert "重新验证" in resumed.stdout
    assert _tries(world, provisioned.serial) == (10, False)
    assert _login_works(world, provisioned.serial, final_pin)
    assert _so_login_works(world, provisioned.serial, world.so_pin(provisioned.serial, 4))
    assert not list((world.home / "journal").glob("*.json"))


# --- at the counter, and a handler who changed -----------------------------------------------


@pytest.fixture(scope="module")
def counter_key(world: World) -> Provisioned:
    """Key B, provisioned with `netca staff provision` and re-checked (复审)."""
    serial = _blank_key(world, "key-b")
    with world.library.open(world.key(serial), rw=True) as session:
        session.write_data("vendor-tool", "model-info", b"ePass")  # what a factory may leave
    order = paid_order(world.ra)
    order_no = order["order"]["order_no"]
    done = world.netca(
        "staff", "provision", order_no, "--key", serial, "--stdin",
        answers=["counter1", STAFF_PASSWORD, FACTORY_SO_PIN],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "等待持有人激活" in done.stdout
    response = requests.post(
        f"{world.ra.api}/staff/orders/{order_no}/recheck",
        headers=world.bearer("reviewer1"),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    status = requests.get(f"{world.ra.api}/keys/{serial}", timeout=10).json()
    return Provisioned(serial, "key-b", order, "", status["certificate_serials"][0])


def test_staff_at_the_counter_authorise_an_activation_without_a_code(
    world: World, counter_key: Provisioned
) -> None:
    pin = "Counter-Pin-9x"
    world.secrets.add(pin)
    sms_before = len(world._codes(counter_key.phone))
    refused = world.netca(
        "activate", "--key", counter_key.serial, "--staff", "--stdin",
        answers=["reviewer1", STAFF_PASSWORD],
    )  # fmt: skip
    assert refused.returncode != 0  # reviewers review; only counter staff authorise
    assert "无此权限" in refused.stdout  # the RA names the role
    done = world.netca(
        "activate", "--key", counter_key.serial, "--staff", "--stdin",
        answers=["counter1", STAFF_PASSWORD, pin],
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    assert "激活成功" in done.stdout
    assert _login_works(world, counter_key.serial, pin)
    assert _so_login_works(world, counter_key.serial, world.so_pin(counter_key.serial, 2))
    assert not list((world.home / "journal").glob("*.json"))  # the refused one is forgotten
    assert len(world._codes(counter_key.phone)) == sms_before  # staff authorised: no SMS sent


def test_unlock_with_another_handler_goes_through_staff_review(
    world: World, counter_key: Provisioned, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    from tests.ra.test_console_browser import _login, _wait_for_state
    from tests.ra.test_keys_api import pdf_bytes, png_bytes

    _lock(world, counter_key.serial)
    new_phone = helpers.fresh_mobile()
    licence, letter = tmp_path / "营业执照.png", tmp_path / "授权书.pdf"
    licence.write_bytes(png_bytes())
    letter.write_bytes(pdf_bytes())
    disguised = tmp_path / "scan.png"
    disguised.write_text("not a picture at all")
    unclear = world.netca(
        "unlock", "--key", counter_key.serial, "--stdin", "--material", str(licence),
        *_handler_args(new_phone, name="李新"),
    )  # fmt: skip
    assert unclear.returncode == 2  # materials only with the handler-changed path
    assert "--handler-changed" in unclear.stdout
    refused = world.netca(
        "unlock", "--key", counter_key.serial, "--stdin",
        "--handler-changed", "--material", str(disguised),
        *_handler_args(new_phone, name="李新"),
    )  # fmt: skip
    assert refused.returncode == 2
    assert "不是 jpg、png 或 pdf" in refused.stdout
    assert not list((world.home / "journal").glob("*.json"))  # left to expire at the RA

    submitted = world.netca(
        "unlock", "--key", counter_key.serial, "--stdin",
        "--handler-changed", "--material", str(licence), "--material", str(letter),
        *_handler_args(new_phone, name="李新"),
    )  # fmt: skip
    assert submitted.returncode == 0, submitted.stdout
    assert "审核中" in submitted.stdout

    _login(browser, world.ra, "reviewer1", STAFF_PASSWORD)
    browser.find_element(By.LINK_TEXT, "密钥业务").click()
    row = browser.find_element(By.XPATH, f"//tr[td[text()='{counter_key.serial}']]")
    assert "李新" in row.text
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "state"), "材料审核中")
    )
    browser.find_element(By.ID, "approve").click()
    WebDriverWait(browser, 10).until(expected_conditions.alert_is_present()).accept()
    _wait_for_state(browser, "待验证短信")

    pin = "New-Handler-5p"
    world.secrets.add(pin)
    world._codes(new_phone)  # the code went to the phone given in the request
    resumed = world.netca(
        "resume", "--key", counter_key.serial, "--stdin",
        answers=[lambda: world._codes(new_phone)[-1], pin],
    )  # fmt: skip
    world.secrets.update(world._codes(new_phone))
    assert resumed.returncode == 0, resumed.stdout
    assert "解锁成功" in resumed.stdout
    assert _tries(world, counter_key.serial) == (10, False)
    assert _login_works(world, counter_key.serial, pin)
    assert _so_login_works(world, counter_key.serial, world.so_pin(counter_key.serial, 3))


# --- secrets stay where they must go ---------------------------------------------------------


def test_no_pin_so_pin_or_code_in_logs_files_database_or_command_lines(world: World) -> None:
    """Run last: every secret the tests above used, searched wherever it must not be."""
    world.secrets.add(FACTORY_SO_PIN)
    secrets = {s for s in world.secrets if s}
    assert len(secrets) >= 12, secrets  # PINs, SO PINs v1-v4, codes, the random PIN
    outbox = world.ra.data_dir / "sms-outbox.jsonl"  # the simulated handset: codes belong there
    places = [
        p
        for root in (world.ra.data_dir, world.home)
        for p in root.rglob("*")
        if p.is_file() and p != outbox
    ]
    places.append(world.ra.log_path)  # type: ignore[arg-type]
    assert any(p.suffix == ".sqlite3" for p in places)
    found = []
    for path in places:
        content = path.read_bytes()
        found += [(path.name, s) for s in secrets if s.encode() in content]
    argv = [" ".join(a) for a in world.argv]
    found += [("argv", s) for a in argv for s in secrets if s in a]
    assert found == []
