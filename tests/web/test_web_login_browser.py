"""Issue 20 end to end: headless Chromium on the demo web site (`make demo`'s relying party),
netca-client's window and bridge in this process, the demo RA's OCSP over HTTP, vkey keys.

The consent and PIN dialogs are answered with pytest-qt while the page waits. Set
NETCA_SCREENSHOTS=docs/screenshots to save the dialogs as the docs show them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from netca_demo.world import KEYS, DemoWorld, free_port
from tests.ra.helpers import _csrf
from tests.ra.test_console_browser import browser
from tests.web.conftest import Client

__all__ = ["browser"]

ORG_KEY, EMPLOYEE_KEY = KEYS


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWorld]:
    """The demo's RA, keys and web site, as `make demo` starts them (without the counter's
    extra keys)."""
    world = DemoWorld(tmp_path_factory.mktemp("web-login") / "demo")
    world.claim_port(free_port())
    try:
        world.prepare()
        world.start_ra()
        world.start_relying_party()
        yield world
    finally:
        world.stop_relying_party()
        world.stop_ra()


@pytest.fixture
def demo_client(
    start_client: Callable[..., Client], demo_world: DemoWorld, monkeypatch: pytest.MonkeyPatch
) -> Client:
    monkeypatch.setenv("NETCA_VKEY_DIR", str(demo_world.vkey_dir))
    return start_client(
        demo_world.module,
        trust_files=tuple(demo_world.seal_trust),
        ra_url=demo_world.ra_url,
        web_allow_http_loopback=True,
    )


def _save(widget: Any, name: str) -> None:
    where = os.environ.get("NETCA_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(where) / f"{name}-zh_CN.png"))


def _status(driver: webdriver.Chrome) -> str:
    return str(driver.find_element(By.ID, "status").text)


def _connect(driver: webdriver.Chrome, client: Client, world: DemoWorld, qtbot: Any) -> None:
    """Open the site and connect; the consent dialog is answered 始终允许."""
    driver.get(f"{world.rp_url}?port={client.port}")
    with qtbot.waitSignal(client.host.consent_opened, timeout=20000) as opened:
        driver.find_element(By.ID, "connect").click()
    dialog = opened.args[0]
    origin = world.rp_url.rstrip("/")
    assert dialog.question.text() == f"允许 {origin} 使用您的 USB Key 登录？"
    _save(dialog, "web-consent")
    dialog.always_button.click()
    qtbot.waitUntil(lambda: driver.find_element(By.ID, "chooser").is_displayed(), timeout=20000)


def _choose(driver: webdriver.Chrome, text: str) -> None:
    select = Select(driver.find_element(By.ID, "certificate"))
    for option in select.options:
        if text in option.text:
            select.select_by_visible_text(option.text)
            return
    raise AssertionError(f"no certificate {text!r} among {[o.text for o in select.options]}")


def _log_in(driver: webdriver.Chrome, client: Client, qtbot: Any, pin: str) -> Any:
    with qtbot.waitSignal(client.host.sign_opened, timeout=20000) as opened:
        driver.find_element(By.ID, "login").click()
    dialog = opened.args[0]
    shown = (dialog.origin_label.text(), dialog.headline.text(), dialog.signed_text.toPlainText())
    dialog.pin_edit.setText(pin)
    dialog.accept()
    qtbot.waitUntil(
        lambda: "登录" in _status(driver) and "PIN" not in _status(driver), timeout=30000
    )
    return shown


def test_login_from_the_demo_site_shows_who_logged_in(
    browser: webdriver.Chrome, demo_client: Client, demo_world: DemoWorld, qtbot: Any
) -> None:
    origin = demo_world.rp_url.rstrip("/")
    _connect(browser, demo_client, demo_world, qtbot)
    _choose(browser, "RSA")
    with qtbot.waitSignal(demo_client.host.sign_opened, timeout=20000) as opened:
        browser.find_element(By.ID, "login").click()
    dialog = opened.args[0]
    assert dialog.origin_label.text() == origin
    assert origin in dialog.headline.text()
    assert f"origin:{origin}" in dialog.signed_text.toPlainText()
    _save(dialog, "web-pin")
    dialog.pin_edit.setText(ORG_KEY.pin)
    dialog.accept()
    qtbot.waitUntil(lambda: "已登录" in _status(browser), timeout=30000)
    status = _status(browser)
    assert "已登录：广州示例科技有限公司（广州示例科技有限公司，统一社会信用代码 91440101" in status
    # 始终允许 is remembered for this site only
    stored = json.loads((demo_client.config_dir / "web-origins.json").read_text())
    assert stored == {"origins": {origin: "allow"}}


def test_the_site_refuses_a_revoked_certificate_and_a_replayed_answer(
    browser: webdriver.Chrome, demo_client: Client, demo_world: DemoWorld, qtbot: Any
) -> None:
    _connect(browser, demo_client, demo_world, qtbot)
    _choose(browser, EMPLOYEE_KEY.label)
    _watch_logins(browser)
    _log_in(browser, demo_client, qtbot, EMPLOYEE_KEY.pin)
    assert "已登录：张三" in _status(browser)
    # The same signed answer again: the site spent that challenge.
    replayed = _replay_last_login(browser, demo_world)
    assert replayed.status_code == 401
    assert replayed.json()["code"] == "challenge_unknown"
    _revoke(demo_world, _employee_serial(browser))
    _log_in(browser, demo_client, qtbot, EMPLOYEE_KEY.pin)
    status = _status(browser)
    assert "登录被拒绝" in status
    assert "(revoked)" in status


def _employee_serial(driver: webdriver.Chrome) -> str:
    text = Select(driver.find_element(By.ID, "certificate")).first_selected_option.text
    match = re.search(r"序列号 ([0-9A-F]+)", text)
    assert match, text
    return match.group(1).lower()


def _watch_logins(driver: webdriver.Chrome) -> None:
    """Keep what the page sends to /api/login, as someone watching the traffic would."""
    driver.execute_script(
        """
        const send = window.fetch;
        window.__sent = [];
        window.fetch = (url, options) => {
          if (String(url).endsWith('/api/login')) window.__sent.push(options.body);
          return send(url, options);
        };
        """
    )


def _replay_last_login(driver: webdriver.Chrome, world: DemoWorld) -> requests.Response:
    sent = driver.execute_script("return window.__sent")
    assert sent, "the page sent no login"
    return requests.post(world.rp_url + "api/login", json=json.loads(sent[-1]), timeout=30)


def _revoke(world: DemoWorld, serial_hex: str) -> None:
    """An RA administrator revokes the certificate in the console."""
    username, password = world.staff_login_path.read_text().split()[:2]
    http = requests.Session()
    page = http.get(world.ra_url + "/console/login", timeout=30)
    done = http.post(
        world.ra_url + "/console/login",
        data={"username": username, "password": password, "csrf": _csrf(page.text)},
        timeout=30,
    )
    revoked = http.post(
        world.ra_url + f"/console/certificates/{serial_hex}/revoke",
        data={"csrf": _csrf(done.text), "order_no": "0" * 17},
        timeout=30,
        allow_redirects=False,
    )
    assert revoked.status_code == 303, revoked.text
