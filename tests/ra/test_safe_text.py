"""Names and file names cannot carry control or invisible formatting characters (bidi
overrides such as U+202E, zero-width characters, C1 controls) into certificate subjects, the
console or terminals."""

from __future__ import annotations

import pytest
import requests

from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    StaffBrowser,
    create_order,
    fresh_mobile,
    handler_of,
    key,
    order_body,
)
from tests.ra.servers import RaServer
from tests.ra.test_keys_api import png_bytes

DISGUISES = {
    "rlo": "示例科技\u202eexe.pdf",
    "zero-width": "示例\u200b科技",
    "c1": "示例\x85科技",
    "bom": "\ufeff示例科技",
    "tag": "示例\U000e0041科技",
    "line-separator": "示例\u2028科技",
}


@pytest.mark.parametrize("name", DISGUISES.values(), ids=DISGUISES.keys())
def test_names_with_invisible_characters_are_refused(ra: RaServer, name: str) -> None:
    for body in (
        order_body(subject={**order_body()["subject"], "organisation_name": name}),
        order_body(handler={**order_body()["handler"], "name": name}),
    ):
        answer = requests.post(
            ra.api + "/orders", json=body, headers={"Idempotency-Key": key()}, timeout=30
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "validation_failed"


def test_rare_characters_in_chinese_names_are_accepted(ra: RaServer) -> None:
    handler = {**order_body()["handler"], "name": "王𬀩"}  # an Extension-E character
    assert create_order(ra, handler=handler)["order"]["handler"]["name"] == "王𬀩"


def test_material_file_names_lose_their_invisible_characters(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    other = {**handler_of(setup.created), "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    uploaded = flow.call(
        "POST", "/materials", files={"file": ("申请\u202egnp.exe\u200b.png", png_bytes())}
    )
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["filename"] == "申请_gnp.exe_.png"


def test_a_review_reason_with_invisible_characters_is_refused(ra: RaServer) -> None:
    created = create_order(ra)
    reviewer = StaffBrowser(ra, "reviewer1")
    order_no = created["order"]["order_no"]
    assert reviewer.act(order_no, "claim").ok
    refused = reviewer.act(order_no, "reject", "材料\u202e不全")
    assert refused.status_code == 422
    assert reviewer.act(order_no, "reject", "材料不全\n请补交营业执照").ok  # lines are fine
