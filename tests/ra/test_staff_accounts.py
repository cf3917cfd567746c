"""Staff accounts: sign-in throttling that nobody can turn into a lock-out, the RA staying
responsive during a sign-in flood, and `netca-ra staff passwd/disable/enable`."""

from __future__ import annotations

import subprocess
import threading
import time
import uuid

import requests

from netca_ra.models import RateCounter
from netca_ra.services.ratelimit import counter_key
from netca_ra.services.staff import LOGIN_WINDOW_SECONDS
from tests.ra.helpers import database
from tests.ra.servers import NETCA_RA, STAFF_PASSWORD, RaServer


def _sign_in(ra: RaServer, username: str, password: str, address: str) -> requests.Response:
    return requests.post(
        ra.api + "/staff/sessions",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": address},
        timeout=60,
    )


def test_failed_sign_ins_from_one_client_do_not_lock_out_the_others(ra: RaServer) -> None:
    attacker, counter = "192.0.2.10", "192.0.2.20"
    statuses = [_sign_in(ra, "counter1", "wrong-wrong", attacker).status_code for _ in range(11)]
    assert statuses == [401] * 10 + [429]
    assert _sign_in(ra, "counter1", STAFF_PASSWORD, attacker).status_code == 429
    assert _sign_in(ra, "counter1", STAFF_PASSWORD, counter).status_code == 201


def test_failed_sign_ins_of_the_previous_window_still_count(ra: RaServer) -> None:
    """The limit is judged over the last 15 minutes, not per fixed window a guesser could
    straddle: failures counted in the previous window weigh by how much of it still lies
    within the last 15 minutes. Written as the RA counts them: a flood of 9,000 in the
    previous window weighs at least 10 however late in this window it is (each second of
    overlap counts 10), so the next failure is refused; per fixed window it was allowed."""
    client, key = "192.0.2.40", counter_key("counter1", "192.0.2.40")
    now = int(time.time())
    if now % LOGIN_WINDOW_SECONDS > LOGIN_WINDOW_SECONDS - 10:
        time.sleep(11)  # not across a window's turn between writing and signing in
    previous = int(time.time()) // LOGIN_WINDOW_SECONDS * LOGIN_WINDOW_SECONDS
    previous -= LOGIN_WINDOW_SECONDS
    with database(ra) as session:
        session.add(RateCounter(scope="login", key=key, window_start=previous, count=9000))
    assert _sign_in(ra, "counter1", "wrong-wrong", client).status_code == 429


def test_the_ra_answers_during_a_sign_in_flood(sqlite_ra: RaServer) -> None:
    """argon2 runs outside the database transaction: on SQLite a sign-in no longer holds the
    write lock for it, so other requests do not queue behind a flood of them."""
    stop = threading.Event()

    def flood(worker: int) -> None:
        for attempt in range(200):
            if stop.is_set():
                return
            name = f"flood{worker}-{attempt}-{uuid.uuid4().hex[:6]}"
            _sign_in(sqlite_ra, name, "guess-guess", f"192.0.2.{100 + worker}")

    threads = [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(6)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        waits = []
        for _ in range(10):
            started = time.monotonic()
            assert requests.get(sqlite_ra.api + "/health", timeout=30).status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    print(f"/health during the flood: max {max(waits):.2f} s, {sorted(waits)}")
    assert max(waits) < 1.5, waits


def test_staff_passwords_are_changed_and_accounts_disabled_from_the_command_line(
    ra: RaServer,
) -> None:
    name = "temp" + uuid.uuid4().hex[:8]
    ra.ra("staff", "add", name, "--name", "临时", "--role", "counter", "--password-stdin",
          stdin=STAFF_PASSWORD + "\n")  # fmt: skip
    here = "192.0.2.30"
    session = _sign_in(ra, name, STAFF_PASSWORD, here)
    assert session.status_code == 201
    bearer = {"Authorization": "Bearer " + session.json()["token"]}
    order = f"{ra.api}/staff/orders/00202601010000001"
    assert requests.get(order, headers=bearer, timeout=30).status_code == 404  # signed in

    new_password = "Another-Horse-7?"
    changed = ra.ra("staff", "passwd", name, "--password-stdin", stdin=new_password + "\n")
    assert "sessions were ended" in changed
    assert requests.get(order, headers=bearer, timeout=30).status_code == 401
    assert _sign_in(ra, name, STAFF_PASSWORD, here).status_code == 401
    fresh = _sign_in(ra, name, new_password, here)
    assert fresh.status_code == 201
    bearer = {"Authorization": "Bearer " + fresh.json()["token"]}

    ra.ra("staff", "disable", name)
    assert requests.get(order, headers=bearer, timeout=30).status_code == 401
    assert _sign_in(ra, name, new_password, here).status_code == 401
    ra.ra("staff", "enable", name)
    assert _sign_in(ra, name, new_password, here).status_code == 201
    too_short = _refused(ra, "staff", "passwd", name, "--password-stdin", stdin="short\n")
    assert "at least 10 characters" in too_short


def _refused(ra: RaServer, *args: str, stdin: str) -> str:
    """What `netca-ra ARGS` says on stderr when it refuses."""
    done = subprocess.run(
        [NETCA_RA, *args], env=ra.env(), input=stdin, capture_output=True, text=True,
        check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    return done.stderr


def test_no_swagger_page_from_a_cdn_but_the_openapi_document(ra: RaServer) -> None:
    assert requests.get(ra.api + "/docs", timeout=30).status_code == 404
    document = requests.get(ra.api + "/openapi.json", timeout=30)
    assert document.status_code == 200
    assert "cdn.jsdelivr.net" not in requests.get(ra.api + "/docs", timeout=30).text
