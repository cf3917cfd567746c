"""Keys over HTTP: staff sessions, provisioning at the counter, activation, unlock, materials."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import requests
from PIL import Image
from sqlalchemy import update

from netca_ra.models import KeyRecord, KeyRequest, StaffSession, utcnow
from netca_ra.services.so_pin import derive_so_pin
from netca_ra.sms.gateway import read_outbox
from tests.ra.helpers import (
    HANDLER_CHANGED,
    KeyFlow,
    KeySetup,
    StaffBrowser,
    database,
    fresh_mobile,
    handler_of,
    key,
    new_serial,
    rsa_csr,
    staff_headers,
)
from tests.ra.servers import STAFF_PASSWORD, RaServer

SO_PIN = re.compile(r"^[A-Za-z0-9]{16}$")


def _problem(response: requests.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["code"] == code, body
    return body


def _so_pin_version(ra: RaServer, serial: str) -> int:
    with database(ra) as session:
        record = session.get(KeyRecord, serial)
        assert record is not None
        return record.so_pin_version


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


# --- staff sessions --------------------------------------------------------------------


def test_staff_session_signs_in_is_used_and_signs_out(ra: RaServer) -> None:
    answer = requests.post(
        ra.api + "/staff/sessions",
        json={"username": "counter1", "password": STAFF_PASSWORD},
        timeout=30,
    )
    assert answer.status_code == 201
    session = answer.json()
    assert session["role"] == "counter"
    assert session["display_name"] == "王柜员"
    assert answer.headers["Cache-Control"].startswith("no-store")
    headers = {"Authorization": "Bearer " + session["token"]}
    order_no = KeySetup(ra).order_no
    assert requests.get(f"{ra.api}/staff/orders/{order_no}", headers=headers, timeout=30).ok
    gone = requests.delete(ra.api + "/staff/sessions/current", headers=headers, timeout=30)
    assert gone.status_code == 204
    after = requests.get(f"{ra.api}/staff/orders/{order_no}", headers=headers, timeout=30)
    _problem(after, 401, "unauthorised")
    assert after.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_password_is_unauthorised(ra: RaServer) -> None:
    answer = requests.post(
        ra.api + "/staff/sessions",
        json={"username": "counter1", "password": "not the password"},
        timeout=30,
    )
    _problem(answer, 401, "unauthorised")
    assert "token" not in answer.text


def test_repeated_wrong_passwords_throttle_the_user_name(ra: RaServer) -> None:
    body = {"username": "nobody-" + new_serial().lower(), "password": "guess"}
    statuses = [
        requests.post(ra.api + "/staff/sessions", json=body, timeout=30).status_code
        for _ in range(10)
    ]
    assert statuses == [401] * 10
    throttled = requests.post(ra.api + "/staff/sessions", json=body, timeout=30)
    _problem(throttled, 429, "rate_limited")
    assert int(throttled.headers["Retry-After"]) > 0


def test_an_expired_staff_session_is_refused(ra: RaServer) -> None:
    headers = staff_headers(ra, "counter1")
    with database(ra) as session:
        session.execute(
            update(StaffSession)
            .where(StaffSession.expires_at > utcnow())
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    answer = requests.get(f"{ra.api}/staff/orders/00202601010000001", headers=headers, timeout=30)
    _problem(answer, 401, "unauthorised")


# --- provisioning and activation -------------------------------------------------------


def test_provision_register_recheck_and_activate(ra: RaServer) -> None:
    setup = KeySetup(ra)
    early = KeyFlow.create(ra, setup.serial, purpose="activate")[0]
    _problem(early, 404, "key_not_registered")

    ticket = setup.staff_post(
        f"/orders/{setup.order_no}/provision", json={"key_serial": setup.serial}
    )
    assert ticket.status_code == 200, ticket.text
    assert ticket.headers["Cache-Control"].startswith("no-store")
    body = ticket.json()
    assert SO_PIN.fullmatch(body["so_pin"])
    assert body["so_pin_version"] == 1
    assert body["algorithm"] == "rsa2048"
    assert body["common_name"] == "李四"  # the employee certificate's holder
    again = setup.staff_post(
        f"/orders/{setup.order_no}/provision", json={"key_serial": setup.serial}
    )
    assert again.json()["so_pin"] == body["so_pin"]  # the same key, the same SO PIN

    same_key = {**setup.counter, "Idempotency-Key": key()}
    csr = {"key_serial": setup.serial, "csr_pem": rsa_csr()}
    first = setup.staff_post(f"/orders/{setup.order_no}/certificate", headers=same_key, json=csr)
    replay = setup.staff_post(f"/orders/{setup.order_no}/certificate", headers=same_key, json=csr)
    assert first.status_code == replay.status_code == 201, first.text
    assert first.json() == replay.json()
    serial_hex = first.json()["serial_hex"]
    late = setup.staff_post(
        f"/orders/{setup.order_no}/provision", json={"key_serial": new_serial()}
    )
    _problem(late, 409, "illegal_transition")

    register = {"certificate_serial": serial_hex}
    registered = setup.staff_post(f"/keys/{setup.serial}/register", json=register)
    assert registered.status_code == 200, registered.text
    assert setup.staff_post(f"/keys/{setup.serial}/register", json=register).json() == (
        registered.json()
    )
    public = requests.get(f"{ra.api}/keys/{setup.serial}", timeout=30).json()
    assert public["state"] == "awaiting_activation"
    assert public["certificate_serials"] == [serial_hex]
    assert (public["holder_name"], public["handler_name_masked"]) == ("", "")  # no names
    # where the activation code will go, while the key awaits activation
    assert public["handler_mobile_masked"] == setup.mobile[:3] + "****" + setup.mobile[-4:]
    assert public["activation_allowed"] is False
    _problem(KeyFlow.create(ra, setup.serial, purpose="activate")[0], 409, "activation_not_allowed")

    setup.recheck()
    notice = [m.text for m in read_outbox(ra.data_dir) if m.phone == setup.mobile]
    assert any("证书已可激活" in text for text in notice), notice
    assert requests.get(f"{ra.api}/keys/{setup.serial}", timeout=30).json()["activation_allowed"]

    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    assert flow.body["state"] == "otp_sent"
    assert flow.body["sent_to"] == public["handler_mobile_masked"]
    assert flow.body["attempts_left"] == 5
    assert re.fullmatch(r"[0-9a-f]{32}", flow.request_id)
    verified = flow.verify(flow.code(setup.mobile))
    assert verified.status_code == 200, verified.text
    assert verified.json()["state"] == "authorised"
    released = flow.release()
    assert released["so_pin"] == body["so_pin"]
    assert (released["version"], released["next_version"]) == (1, 2)
    assert SO_PIN.fullmatch(released["next_so_pin"])
    assert released["next_so_pin"] != released["so_pin"]
    _problem(flow.call("POST", "/so-pin"), 409, "so_pin_already_released")
    confirmed = flow.confirm(2)
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["state"], confirmed.json()["so_pin_version"]) == ("completed", 2)
    assert _so_pin_version(ra, setup.serial) == 2

    key_now = requests.get(f"{ra.api}/keys/{setup.serial}", timeout=30).json()
    assert key_now["state"] == "active"
    assert key_now["handler_mobile_masked"] == ""  # no personal data once active
    order = requests.get(
        f"{ra.api}/staff/orders/{setup.order_no}", headers=setup.counter, timeout=30
    ).json()
    assert order["state"] == "completed"
    assert [e["to_state"] for e in order["audit"]][-4:] == [
        "issued", "installed", "rechecked", "completed",
    ]  # fmt: skip
    _problem(setup.staff_post(f"/keys/{setup.serial}/return"), 409, "key_activated")


def test_a_key_registered_to_another_order_cannot_be_provisioned_again(ra: RaServer) -> None:
    first = KeySetup(ra).provision()
    second = KeySetup(ra)
    answer = second.staff_post(
        f"/orders/{second.order_no}/provision", json={"key_serial": first.serial}
    )
    _problem(answer, 409, "key_already_registered")


def test_a_returned_key_revokes_its_certificate_and_may_be_provisioned_again(
    ra: RaServer,
) -> None:
    first = KeySetup(ra).provision()
    returned = first.staff_post(f"/keys/{first.serial}/return")
    assert returned.status_code == 200, returned.text
    assert returned.json()["state"] == "returned"
    order = requests.get(
        f"{ra.api}/staff/orders/{first.order_no}", headers=first.counter, timeout=30
    ).json()
    assert order["state"] == "cancelled"
    ocsp_state = StaffBrowser(ra, "admin", ra.admin_password).get(
        f"/console/orders/{first.order_no}"
    )
    assert "已吊销" in ocsp_state.text
    second = KeySetup(ra)
    again = second.staff_post(
        f"/orders/{second.order_no}/provision", json={"key_serial": first.serial}
    )
    assert again.status_code == 200, again.text


# --- unlock ----------------------------------------------------------------------------


def test_unlock_with_the_handler_on_record(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    flow = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler_of(setup.created))
    assert (flow.body["state"], flow.body["handler_matched"]) == ("otp_sent", None)
    assert flow.verify(flow.code(setup.mobile)).status_code == 200
    released = flow.release()
    assert (released["version"], released["next_version"]) == (2, 3)
    assert flow.confirm(3).json()["so_pin_version"] == 3
    assert _so_pin_version(ra, setup.serial) == 3


def test_unlock_needs_an_active_key_and_the_handler(ra: RaServer) -> None:
    setup = KeySetup(ra).provision()
    handler = handler_of(setup.created)
    response = KeyFlow.create(ra, setup.serial, purpose="unlock", handler=handler)[0]
    _problem(response, 409, "key_state_conflict")
    setup.recheck().activate()
    _problem(KeyFlow.create(ra, setup.serial, purpose="unlock")[0], 422, "validation_failed")


def test_a_crashed_client_gets_the_same_versions_again_with_a_fresh_code(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    flow = KeyFlow.start(ra, setup.serial, purpose="unlock", handler=handler_of(setup.created))
    flow.verify(flow.code(setup.mobile))
    first = flow.release()
    # The client dies here. A minute later it starts again and asks for a new code.
    with database(ra) as session:
        session.execute(
            update(KeyRequest)
            .where(KeyRequest.request_id == flow.request_id)
            .values(last_code_at=utcnow() - timedelta(minutes=2))
        )
    resent = flow.call("POST", "/otp")
    assert resent.status_code == 200, resent.text
    assert resent.json()["state"] == "so_pin_released"
    assert flow.verify(flow.code(setup.mobile)).json()["state"] == "authorised"
    second = flow.release()
    assert second == first  # the key record still says version 2 until confirmed
    assert flow.confirm(3).status_code == 200


def test_unlock_with_another_handler_needs_materials_and_a_review(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    new_handler = {
        "name": "欧阳娜娜", "id_number": "44010119920202222X", "mobile": "137" + setup.mobile[3:],
    }  # fmt: skip
    before = len(read_outbox(ra.data_dir))
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=new_handler, unlock_path=HANDLER_CHANGED
    )
    assert (flow.body["state"], flow.body["handler_matched"]) == ("materials_required", None)
    assert flow.body["sent_to"] is None
    assert len(read_outbox(ra.data_dir)) == before  # no SMS to anyone
    _problem(flow.call("POST", "/submit"), 409, "request_state_conflict")

    def upload(name: str, data: bytes, content_type: str) -> requests.Response:
        return flow.call("POST", "/materials", files={"file": (name, data, content_type)})

    png = upload("营业执照.png", png_bytes(), "image/png")
    assert png.status_code == 201, png.text
    assert png.json()["media_type"] == "image/png"
    pdf = upload("授权书.pdf", pdf_bytes(), "application/pdf")
    assert pdf.status_code == 201, pdf.text
    _problem(upload("fake.png", b"this is only text, not a picture", "image/png"), 422,
             "material_invalid")  # fmt: skip
    _problem(upload("fake.pdf", b"%PDF-1.4 but cut short", "application/pdf"), 422,
             "material_invalid")  # fmt: skip
    _problem(upload("run.exe", b"MZ\x90\x00", "application/octet-stream"), 422,
             "material_invalid")  # fmt: skip
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024)
    _problem(upload("big.png", big, "image/png"), 413, "material_too_large")
    submitted = flow.call("POST", "/submit")
    assert submitted.status_code == 200, submitted.text
    assert (submitted.json()["state"], submitted.json()["materials"]) == ("under_review", 2)
    _problem(upload("late.png", png_bytes(), "image/png"), 409, "request_state_conflict")

    reviewer = StaffBrowser(ra, "reviewer1")
    page = reviewer.get(f"/console/key-requests/{flow.request_id}")
    assert "欧阳娜娜" in page.text
    assert "营业执照.png" in page.text
    image = reviewer.get(
        f"/console/key-requests/{flow.request_id}/materials/{png.json()['material_id']}"
    )
    assert image.headers["content-type"] == "image/png"
    assert image.headers["x-content-type-options"] == "nosniff"
    assert image.content == png_bytes()
    document = reviewer.get(
        f"/console/key-requests/{flow.request_id}/materials/{pdf.json()['material_id']}"
    )
    assert document.headers["content-type"] == "application/pdf"
    assert document.headers["content-disposition"].startswith("attachment")
    assert reviewer.post(f"/console/key-requests/{flow.request_id}/approve").ok

    assert flow.call("GET").json()["state"] == "otp_sent"
    assert flow.verify(flow.code(new_handler["mobile"])).status_code == 200
    assert flow.release()["version"] == 2
    assert flow.confirm(3).status_code == 200
    registry = StaffBrowser(ra, "reviewer1").get(f"/console/keys/{setup.serial}").text
    assert "欧阳*" in registry
    assert new_handler["mobile"][:3] + "****" + new_handler["mobile"][-4:] in registry


def test_a_rejected_review_ends_the_request(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    other = {**handler_of(setup.created), "name": "王五", "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )
    assert flow.call("POST", "/materials", files={"file": ("a.png", png_bytes(), "image/png")}).ok
    assert flow.call("POST", "/submit").ok
    reviewer = StaffBrowser(ra, "reviewer1")
    assert reviewer.post(
        f"/console/key-requests/{flow.request_id}/reject", {"reason": "授权书未盖章"}
    ).ok
    rejected = flow.call("GET").json()
    assert (rejected["state"], rejected["review_reason"]) == ("rejected", "授权书未盖章")
    _problem(flow.call("POST", "/otp"), 409, "request_state_conflict")


def test_counter_staff_authorise_instead_of_the_code(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck()
    flow = KeyFlow.start(ra, setup.serial, purpose="activate")
    authorised = setup.staff_post(f"/key-requests/{flow.request_id}/authorise")
    assert authorised.status_code == 200, authorised.text
    assert authorised.json()["state"] == "authorised"
    _problem(flow.verify(flow.code(setup.mobile)), 409, "request_state_conflict")
    assert flow.release()["version"] == 1
    assert flow.confirm(2).status_code == 200


def test_so_pin_derivation_is_pinned_and_uses_the_master_file(ra: RaServer) -> None:
    # Keys in the field hold SO PINs derived this way: the derivation can never change.
    assert derive_so_pin(b"master", serial="TK0001", version=1) == "HxDHmel29fY3CMry"
    assert derive_so_pin(b"master", serial="TK0001", version=2) == "LYGVh4Td6A8ni3Tf"
    setup = KeySetup(ra)
    ticket = setup.staff_post(
        f"/orders/{setup.order_no}/provision", json={"key_serial": setup.serial}
    ).json()
    master = (ra.data_dir / "so_pin_master").read_bytes().strip()
    assert ticket["so_pin"] == derive_so_pin(master, serial=setup.serial, version=1)
    secret_key = (ra.data_dir / "secret_key").read_bytes().strip()
    assert ticket["so_pin"] != derive_so_pin(secret_key, serial=setup.serial, version=1)


def test_counter_returns_a_key_from_the_order_page(ra: RaServer) -> None:
    setup = KeySetup(ra).provision()
    form = {"order_no": setup.order_no}
    page = StaffBrowser(ra, "counter1").get(f"/console/orders/{setup.order_no}").text
    assert f"归还密钥 {setup.serial}" in page
    refused = StaffBrowser(ra, "reviewer1").post(f"/console/keys/{setup.serial}/return", form)
    assert refused.status_code == 403
    returned = StaffBrowser(ra, "counter1").post(f"/console/keys/{setup.serial}/return", form)
    assert returned.ok
    assert "已归还" in returned.text  # back on the order page, the key listed as returned
    assert requests.get(f"{ra.api}/keys/{setup.serial}", timeout=30).json()["state"] == "returned"


def test_materials_are_judged_by_their_content(ra: RaServer) -> None:
    setup = KeySetup(ra).provision().recheck().activate()
    other = {**handler_of(setup.created), "name": "钱七", "mobile": fresh_mobile()}
    flow = KeyFlow.start(
        ra, setup.serial, purpose="unlock", handler=other, unlock_path=HANDLER_CHANGED
    )

    def upload(name: str, data: bytes) -> requests.Response:
        return flow.call("POST", "/materials", files={"file": (name, data)})

    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(jpeg, format="JPEG")
    accepted = upload("身份证.JPG", jpeg.getvalue())
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["media_type"] == "image/jpeg"
    again = upload("身份证-副本.jpg", jpeg.getvalue())
    assert again.json() == accepted.json()  # the same bytes are kept once
    _problem(upload("photo.png", jpeg.getvalue()), 422, "material_invalid")  # a JPEG named .png
    broken = bytearray(png_bytes())
    broken[40] ^= 0xFF  # inside the image data: the chunk's CRC no longer matches
    _problem(upload("broken.png", bytes(broken)), 422, "material_invalid")
    _problem(upload("noextension", pdf_bytes()), 422, "material_invalid")
    assert flow.call("GET").json()["materials"] == 1
