"""业务查询 against the real RA served on loopback: an order's state, fee and history."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from netca_client.core.ra import RaClient
from netca_client.gui.pages.orders import OrdersPage
from tests.ra.conftest import sqlite_ra  # noqa: F401 - the RA server fixture
from tests.ra.helpers import create_order
from tests.ra.servers import RaServer


def _page(qtbot, ra: RaServer) -> OrdersPage:  # type: ignore[no-untyped-def]
    client = RaClient(ra.base_url)
    page = OrdersPage(
        lambda number, token: client.get_order(number, token=token), ThreadPoolExecutor(1)
    )
    qtbot.addWidget(page)
    return page


def test_an_order_is_shown_with_state_fee_and_history(qtbot, zh_cn, sqlite_ra: RaServer) -> None:  # noqa: F811
    created = create_order(sqlite_ra)
    page = _page(qtbot, sqlite_ra)
    page.number.setText(created["order"]["order_no"])
    page.token.setText(created["access_token"])
    page.query_button.click()
    qtbot.waitUntil(lambda: "state" in page.fields, timeout=10000)
    assert page.fields["order_no"].text() == created["order"]["order_no"]
    assert page.fields["state"].text() == "已提交"
    assert page.fields["business"].text() == "新申请"
    assert page.fields["amount"].text().startswith("¥")
    assert "已提交" in page.fields["history"].text()


def test_a_wrong_query_code_is_refused_clearly(qtbot, zh_cn, sqlite_ra: RaServer) -> None:  # noqa: F811
    created = create_order(sqlite_ra)
    page = _page(qtbot, sqlite_ra)
    page.number.setText(created["order"]["order_no"])
    page.token.setText("not-the-code")
    page.query_button.click()
    qtbot.waitUntil(
        lambda: page.query_button.isEnabled() and page.status.text() != "正在查询…", timeout=10000
    )
    assert page.status.text().startswith("RA 服务拒绝了请求")
    assert not page.fields


def test_a_short_number_is_caught_before_asking_the_ra(qtbot, zh_cn) -> None:
    page = OrdersPage(None, ThreadPoolExecutor(1))
    qtbot.addWidget(page)
    page.number.setText("123")
    page.query_button.click()
    assert page.status.text() == "业务单号为 17 位数字。"
