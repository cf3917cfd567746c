"""The staff console in headless Chromium: log in, approve an order, see the audit entry.

Screenshots are taken on every run; they land in docs/screenshots/ra-*.png (committed, and
looked at) only when asked, so that a test run leaves the work tree alone:
NETCA_RA_SCREENSHOTS=docs/screenshots pytest tests/ra/test_console_browser.py
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import func, select

from netca_ra.models import Order
from tests.ra.helpers import applicant_post, create_order, database, issue_certificate
from tests.ra.servers import STAFF_PASSWORD, RaServer

SCREENSHOTS_ENV = "NETCA_RA_SCREENSHOTS"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver are missing: run `make sysdeps`")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--lang=zh-CN",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


Shot = Callable[[webdriver.Chrome, str], None]


@pytest.fixture
def shot(tmp_path: Path) -> Shot:
    """Saves the whole page (not just the viewport) as ra-<name>.png."""
    wanted = os.environ.get(SCREENSHOTS_ENV)
    where = Path(wanted) if wanted else tmp_path

    def save(driver: webdriver.Chrome, name: str) -> None:
        where.mkdir(parents=True, exist_ok=True)
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": max(size["height"], 640)}
        captured = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
        )
        png = base64.b64decode(captured["data"])
        assert png.startswith(b"\x89PNG")
        (where / f"ra-{name}.png").write_bytes(png)

    return save


def _login(driver: webdriver.Chrome, ra: RaServer, username: str, password: str) -> None:
    driver.get(ra.base_url + "/console/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(ra.base_url + "/console/"))


def _wait_for_state(driver: webdriver.Chrome, text: str) -> None:
    """Clicking a form button returns before the next page loads: wait for it. While the
    page is being replaced, Chromium may answer "unhandled inspector error" about the old
    one: keep waiting (the wait still fails if the state never shows)."""
    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "state"), text)
    )


def test_reviewer_logs_in_approves_and_sees_the_audit_entry(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    created = create_order(ra)
    create_order(ra, "GD-EMP")
    order_no = created["order"]["order_no"]

    browser.get(ra.base_url + "/console/login")
    shot(browser, "login")
    browser.find_element(By.ID, "username").send_keys("reviewer1")
    browser.find_element(By.ID, "password").send_keys("wrong password!")
    browser.find_element(By.ID, "login").click()
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".error"), "错误")
    )
    assert "用户名或密码错误" in browser.find_element(By.CSS_SELECTOR, ".error").text

    _login(browser, ra, "reviewer1", STAFF_PASSWORD)
    assert "李审核（审核员）" in browser.find_element(By.CSS_SELECTOR, ".who").text
    shot(browser, "queue")
    browser.find_element(By.LINK_TEXT, order_no).click()
    browser.find_element(By.ID, "claim").click()
    _wait_for_state(browser, "审核中")
    browser.find_element(By.ID, "reason").send_keys("营业执照与申请表一致，材料齐全")
    browser.find_element(By.ID, "approve").click()

    _wait_for_state(browser, "待缴费")
    entries = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#audit li")]
    assert any(
        "工作人员 reviewer1" in e and "审核通过" in e and "材料齐全" in e for e in entries
    ), entries
    assert any("系统" in e and "待缴费" in e for e in entries), entries
    shot(browser, "order-approved")

    browser.get(ra.base_url + "/console/orders/00199901010000001")
    assert browser.find_element(By.TAG_NAME, "h1").text == "没有这个业务单号"
    shot(browser, "error")


def test_counter_confirms_a_transfer_and_sees_the_outbox(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    created = create_order(ra)
    order_no = created["order"]["order_no"]
    _login(browser, ra, "admin", ra.admin_password)
    browser.get(f"{ra.base_url}/console/orders/{order_no}")
    browser.find_element(By.ID, "claim").click()
    _wait_for_state(browser, "审核中")
    browser.find_element(By.ID, "approve").click()
    _wait_for_state(browser, "待缴费")
    transfer = {
        "payer_account": "4400 1234 5678 9012", "payer_name": "广州示例科技有限公司",
        "amount_fen": 70000, "transfer_date": "2026-11-20",
    }  # fmt: skip
    response = applicant_post(
        ra, created, "/payments", json={"method": "bank_transfer", "bank_transfer": transfer}
    )
    assert response.status_code == 201
    assert applicant_post(ra, created, "/otp").status_code == 201

    browser.get(ra.base_url + "/console/payments")
    shot(browser, "payments")
    row = browser.find_element(By.XPATH, f"//tr[td/a[text()='{order_no}']]")
    row.find_element(By.XPATH, ".//button[text()='确认到账']").click()
    WebDriverWait(driver=browser, timeout=10).until(expected_conditions.staleness_of(row))
    browser.get(f"{ra.base_url}/console/orders/{order_no}")
    assert browser.find_element(By.ID, "state").text == "已缴费"
    browser.get(ra.base_url + "/console/sms")
    assert order_no in browser.find_element(By.CSS_SELECTOR, "table").text
    shot(browser, "sms-outbox")


def test_payer_confirms_on_the_simulated_payment_page(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    created = create_order(ra, "GD-EMP")
    order_no = created["order"]["order_no"]
    _login(browser, ra, "admin", ra.admin_password)
    search = browser.find_element(By.NAME, "order_no")
    search.send_keys(order_no + "\n")
    browser.find_element(By.ID, "claim").click()
    _wait_for_state(browser, "审核中")
    browser.find_element(By.ID, "approve").click()
    _wait_for_state(browser, "待缴费")
    payment = applicant_post(ra, created, "/payments", json={"method": "simulated"}).json()

    browser.get(payment["payment_url"])
    assert "¥400.00" in browser.find_element(By.CSS_SELECTOR, ".big").text
    shot(browser, "pay-simulated")
    browser.find_element(By.ID, "pay").click()
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "pay-state"), "已到账")
    )
    assert "支付成功" in browser.page_source
    browser.get(f"{ra.base_url}/console/orders/{order_no}")
    assert browser.find_element(By.ID, "state").text == "已缴费"
    shot(browser, "order-paid")


def test_revoking_asks_for_confirmation_first(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    created, _ = issue_certificate(ra)
    _login(browser, ra, "admin", ra.admin_password)
    browser.get(f"{ra.base_url}/console/orders/{created['order']['order_no']}")
    revoke = browser.find_element(By.XPATH, "//button[text()='吊销证书']")
    revoke.click()
    dialog = WebDriverWait(browser, 10).until(expected_conditions.alert_is_present())
    assert "确定吊销该证书" in dialog.text
    dialog.dismiss()
    assert "已吊销" not in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.XPATH, "//button[text()='吊销证书']").click()
    WebDriverWait(browser, 10).until(expected_conditions.alert_is_present()).accept()
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "main"), "已吊销")
    )
    shot(browser, "certificate-revoked")


def test_the_review_queue_pages_through_every_waiting_order_with_its_true_total(
    browser: webdriver.Chrome, sqlite_ra: RaServer
) -> None:
    ra = sqlite_ra
    numbers = [create_order(ra)["order"]["order_no"] for _ in range(55)]  # > one page (50)
    with database(ra) as session:
        waiting = session.scalar(
            select(func.count())
            .select_from(Order)
            .where(Order.state.in_(["submitted", "under_review"]))
        )
    _login(browser, ra, "reviewer1", STAFF_PASSWORD)
    assert browser.find_element(By.ID, "queue-total").text == f"共 {waiting} 笔待处理"
    seen: list[str] = []
    for page in range(1, 1000):
        rows = browser.find_elements(By.CSS_SELECTOR, "table.grid")[0].find_elements(
            By.CSS_SELECTOR, "tbody tr td:first-child a"
        )
        assert len(rows) <= 50
        seen += [row.text for row in rows]
        following = browser.find_elements(By.CSS_SELECTOR, "#queue-pager a[rel=next]")
        if not following:
            break
        following[0].click()
        WebDriverWait(browser, 10).until(
            expected_conditions.text_to_be_present_in_element(
                (By.ID, "queue-pager"), f"第 {page + 1} /"
            )
        )
    assert len(seen) == waiting  # every waiting order, none hidden behind the first page
    assert set(numbers) <= set(seen)
    assert seen == sorted(seen)  # oldest first
