"""Key pages of the console in headless Chromium: materials review, 复审, the registry.

NETCA_RA_SCREENSHOTS=docs/screenshots pytest tests/ra/test_key_console_browser.py
writes ra-key-requests.png, ra-key-request.png, ra-order-recheck.png and ra-keys.png.
"""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from netca_ra.sms.gateway import latest_code
from tests.ra.helpers import HANDLER_CHANGED, KeyFlow, KeySetup, handler_of
from tests.ra.servers import STAFF_PASSWORD, RaServer
from tests.ra.test_console_browser import Shot, _login, _wait_for_state, browser, shot
from tests.ra.test_keys_api import pdf_bytes, png_bytes

__all__ = ["browser", "shot"]  # fixtures shared with the console's other browser tests


def test_reviewer_sees_the_materials_and_approves_and_a_code_is_sent(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    setup = KeySetup(ra).provision().recheck().activate()
    claimed = {**handler_of(setup.created), "name": "欧阳娜娜", "mobile": "136" + setup.mobile[3:]}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=claimed, unlock_path=HANDLER_CHANGED
    )
    for name, data in (("营业执照.png", png_bytes()), ("经办人授权书.pdf", pdf_bytes())):
        assert flow.call("POST", "/materials", files={"file": (name, data)}).status_code == 201
    assert flow.call("POST", "/submit").json()["state"] == "under_review"

    _login(browser, ra, "reviewer1", STAFF_PASSWORD)
    browser.find_element(By.LINK_TEXT, "密钥业务").click()
    row = browser.find_element(By.XPATH, f"//tr[td[text()='{setup.serial}']]")
    assert "欧阳娜娜" in row.text
    assert "2 份" in row.text
    shot(browser, "key-requests")
    row.find_element(By.PARTIAL_LINK_TEXT, flow.request_id[:12]).click()

    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "state"), "材料审核中")
    )
    differs = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#compare tr.differs")]
    assert len(differs) == 2, differs  # name and phone differ, the ID number is the same
    image = browser.find_element(By.CSS_SELECTOR, "#materials img")
    WebDriverWait(browser, 10).until(
        lambda driver: (
            driver.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth", image
            )
            == 320
        )
    )
    pdf_link = browser.find_element(By.LINK_TEXT, "经办人授权书.pdf")
    assert "/materials/" in (pdf_link.get_attribute("href") or "")
    shot(browser, "key-request")

    assert latest_code(ra.data_dir, claimed["mobile"]) is None
    browser.find_element(By.ID, "approve").click()
    WebDriverWait(browser, 10).until(expected_conditions.alert_is_present()).accept()
    _wait_for_state(browser, "待验证短信")
    entries = browser.find_element(By.ID, "audit").text
    assert "材料审核通过" in entries
    code = latest_code(ra.data_dir, claimed["mobile"])
    assert code is not None
    assert flow.verify(code).json()["state"] == "authorised"


def test_recheck_button_notifies_the_handler_and_the_registry_lists_the_key(
    browser: webdriver.Chrome, sqlite_ra: RaServer, shot: Shot
) -> None:
    ra = sqlite_ra
    setup = KeySetup(ra).provision()
    _login(browser, ra, "reviewer1", STAFF_PASSWORD)
    browser.get(f"{ra.base_url}/console/orders/{setup.order_no}")
    assert browser.find_element(By.ID, "state").text == "已安装"
    keys = browser.find_element(By.ID, "order-keys").text
    assert setup.serial in keys
    assert "待激活" in keys
    shot(browser, "order-recheck")
    browser.find_element(By.ID, "recheck").click()
    _wait_for_state(browser, "已复审")
    assert browser.find_elements(By.ID, "recheck") == []
    browser.get(ra.base_url + "/console/sms")
    assert "证书已可激活" in browser.find_element(By.ID, "outbox").text

    browser.find_element(By.LINK_TEXT, "密钥登记").click()
    row = browser.find_element(By.XPATH, f"//tr[td/a[text()='{setup.serial}']]")
    assert "待激活" in row.text
    assert setup.ticket["so_pin"] not in browser.page_source
    shot(browser, "keys")
