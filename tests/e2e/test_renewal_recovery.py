"""Issue 17: a renewal survives SIGKILL at every step and an unplugged key; a batch of keys
takes one order and one payment; a bank transfer waits for the counter in the console."""

from __future__ import annotations

import re
from typing import Any

import pytest

from netca_client.core.errors import KeyRemoved, NetcaError
from tests.e2e.renewal_world import HANDLER, INVOICE, PIN, Planted, RenewalWorld
from tests.ra.test_console_browser import browser

__all__ = ["browser"]  # the console's headless Chromium fixture

RENEW = ["renew", "--years", "1", *HANDLER, *INVOICE, "--accept-agreement", "--wait", "120"]
KILL = "NETCA_FAULT_INJECT"


def _journal(world: RenewalWorld) -> list[str]:
    return [p.read_text() for p in (world.home / "journal").glob("*.json")]


def _current(world: RenewalWorld, planted: Planted) -> list[Any]:
    """The certificates on the key that are not archived."""
    return [c for label, c in world.certificates(planted.serial) if not label.startswith("已归档")]


def _finished_once(world: RenewalWorld, planted: Planted) -> None:
    """Exactly one valid new certificate on the key, one order, one payment, no job left."""
    current = _current(world, planted)
    assert len(current) == 1, current
    assert current[0].serial_number != planted.certificate.serial_number
    assert current[0].subject == planted.certificate.subject
    assert world.counts(planted.cert_serial) == (1, 1)
    assert _journal(world) == []
    world.vkeys.unplug(planted.label)  # vkey has 8 ports


@pytest.mark.parametrize(
    ("point", "pins", "online"),
    [
        ("after-key-pair", 1, False),
        ("after-order-created", 1, False),
        ("after-paid", 2, True),
        ("after-issued", 2, True),
        ("after-certificate-written", 2, True),
        ("after-ra-told", 2, True),
    ],
)
def test_sigkill_after_each_step_ends_in_one_new_certificate(
    sqlite_world: RenewalWorld, point: str, pins: int, online: bool
) -> None:
    world = sqlite_world
    planted = world.plant(f"kill-{point}", days_left=20)
    killed = world.netca(*RENEW, "--key", planted.serial, "--pay", "simulated", pins=pins,
                         pay_online=online, env={KILL: point})  # fmt: skip
    assert killed.returncode == -9, killed.stdout
    assert world.signs_with(planted.serial, planted.key_id)  # the old pair still works
    assert any(c.serial_number == planted.certificate.serial_number
               for _, c in world.certificates(planted.serial))  # fmt: skip
    if point == "after-key-pair":  # no order was opened: the request is signed again
        told = world.netca("install", "--key", planted.serial)
        assert "重新运行 netca renew" in told.stdout, told.stdout
        again = world.netca(*RENEW, "--key", planted.serial, "--pay", "simulated", pins=2,
                            pay_online=True)  # fmt: skip
        assert again.returncode == 0, again.stdout
    else:
        resumed = world.netca(
            "install", "--key", planted.serial, "--pay", "simulated", "--wait", "120",
            pins=1, pay_online=point == "after-order-created",
        )  # fmt: skip
        assert resumed.returncode == 0, resumed.stdout
        assert "证书安装成功" in resumed.stdout, resumed.stdout
    _finished_once(world, planted)


def test_an_unplugged_key_keeps_the_old_certificate_and_the_install_resumes(
    sqlite_world: RenewalWorld,
) -> None:
    from netca_client.core.ra.renewal_client import RenewalClient
    from netca_client.core.secrets import SecretStore
    from netca_client.core.workflows.journal import Journal
    from netca_client.core.workflows.renewal_install import install
    from netca_client.core.workflows.renewals import Renewals

    world = sqlite_world
    planted = world.plant("unplugged", days_left=20)
    paid = world.netca(*RENEW, "--key", planted.serial, "--pay", "simulated", pins=1,
                       pay_online=True)  # fmt: skip
    assert "证书已签发，待安装" not in paid.stdout  # it asked for the install PIN: none given
    key = world.key(planted.serial)
    world.vkeys.unplug(planted.label)
    with RenewalClient(world.ra.base_url) as ra:
        renewals = Renewals(
            world.library, ra, ra_url=world.ra.base_url,
            journal=Journal(world.home / "journal"), secrets=SecretStore(),
        )  # fmt: skip
        (entry,) = renewals.pending(planted.serial)
        job = renewals.resume(entry)
        with pytest.raises((KeyRemoved, NetcaError)):
            install(renewals, job, key, PIN)
        world.vkeys.plug(planted.label)
        assert world.signs_with(planted.serial, planted.key_id)  # untouched, still usable
        (entry,) = renewals.pending(planted.serial)
        done = install(renewals, renewals.resume(entry), world.key(planted.serial), PIN)
    assert done.result is not None
    _finished_once(world, planted)


def test_two_keys_one_order_one_payment_each_installed_when_plugged(
    sqlite_world: RenewalWorld,
) -> None:
    world = sqlite_world
    first = world.plant("batch-1", days_left=30)
    second = world.plant("batch-2", days_left=10, service_id="GD-ORG", ec=False)
    ordered = world.netca(*RENEW, "--key", first.serial, "--key", second.serial, pins=2)
    assert ordered.returncode == 0, ordered.stdout
    assert "费用 ¥300.00（2 张证书）" in ordered.stdout  # ¥100 + ¥200 for a year
    assert "待缴费" in ordered.stdout
    world.vkeys.unplug(second.label)
    paid = world.netca("install", "--pay", "simulated", "--wait", "120", pins=1, pay_online=True)
    assert paid.returncode == 0, paid.stdout
    assert "证书安装成功" in paid.stdout
    assert f"请插入 USB Key {second.serial}" in paid.stdout
    assert len(_current(world, first)) == 1
    world.vkeys.plug(second.label)
    later = world.netca("install", "--key", second.serial, pins=1)
    assert "证书安装成功" in later.stdout, later.stdout
    assert "已保留并标记为已归档" in later.stdout  # RSA: the old pair could decrypt
    for planted in (first, second):
        assert len(_current(world, planted)) == 1
    labels = [label for label, _ in world.certificates(second.serial)]
    assert any(label.startswith("已归档") for label in labels)
    assert world.counts(first.cert_serial) == world.counts(second.cert_serial) == (1, 1)
    assert _journal(world) == []


def test_a_bank_transfer_waits_for_the_counter_in_the_console(
    sqlite_world: RenewalWorld, browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    from tests.ra.servers import STAFF_PASSWORD
    from tests.ra.test_console_browser import _login

    world = sqlite_world
    planted = world.plant("bank", days_left=15)
    reported = world.netca(
        *RENEW, "--key", planted.serial, "--pay", "bank-transfer",
        "--payer-account", "4400 1234 5678 9012", "--payer-name", "广州示例科技有限公司",
        "--transfer-date", "2026-11-20", pins=1,
    )  # fmt: skip
    assert reported.returncode == 0, reported.stdout
    assert "等待受理点核对到账" in reported.stdout
    waiting = world.netca("install", "--key", planted.serial, "--wait", "0")
    assert "尚未确认到账" in waiting.stdout, waiting.stdout
    assert len(world.certificates(planted.serial)) == 1  # nothing installed before the money

    _login(browser, world.ra, "counter1", STAFF_PASSWORD)
    browser.get(world.ra.base_url + "/console/payments")
    found = re.search(r"业务单号 (\d{17})", reported.stdout)
    assert found, reported.stdout
    order_no = found.group(1)
    row = browser.find_element(By.XPATH, f"//tr[td/a[text()='{order_no}']]")
    assert "¥100.00" in row.text
    row.find_element(By.XPATH, ".//button[text()='确认到账']").click()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(row))

    done = world.netca("install", "--key", planted.serial, pins=1)
    assert "证书安装成功" in done.stdout, done.stdout
    _finished_once(world, planted)
