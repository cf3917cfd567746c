"""The web bridge's allow-list, rate limits, settings and published schemas (no key, no Qt)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netca_client.core.config import ClientConfig, load_config, save_config
from netca_client.core.errors import ConfigError
from netca_client.core.weblogin.limits import Rate, RateLimiter
from netca_client.core.weblogin.origins import (
    ConsentAnswer,
    OriginDecision,
    OriginPolicy,
    OriginRefused,
    loopback_host,
    normal_origin,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("https://RP.Example", "https://rp.example"),
        ("https://rp.example:443", "https://rp.example"),
        ("https://rp.example:8443", "https://rp.example:8443"),
        ("https://rp.example/", "https://rp.example"),
        ("https://[::1]:9", "https://[::1]:9"),
    ],
)
def test_origins_compare_in_normal_form(header: str, expected: str) -> None:
    assert normal_origin(header) == expected


@pytest.mark.parametrize(
    "header",
    ["", "null", "http://rp.example", "ftp://rp.example", "https://rp.example/login",
     "https://user@rp.example", "https://rp.example?x=1", "file://", "http://127.0.0.1:8610"],
)  # fmt: skip
def test_origins_a_page_may_not_use_are_refused(header: str) -> None:
    with pytest.raises(OriginRefused):
        normal_origin(header)


def test_http_loopback_origins_only_in_development() -> None:
    for header in ("http://127.0.0.1:8610", "http://localhost:3000", "http://localhost"):
        assert normal_origin(header, allow_http_loopback=True) == header
    with pytest.raises(OriginRefused):
        normal_origin("http://10.0.0.5", allow_http_loopback=True)
    with pytest.raises(OriginRefused):
        normal_origin("http://localhost.evil.example", allow_http_loopback=True)


def test_host_must_name_loopback_and_this_port() -> None:
    assert loopback_host("127.0.0.1:24790", 24790)
    assert loopback_host("LOCALHOST:24790", 24790)
    assert loopback_host("localhost", 24790)
    for host in ("127.0.0.1:24791", "evil.example:24790", "127.0.0.1.nip.io:24790", "", "[::1]"):
        assert not loopback_host(host, 24790), host


def test_answers_are_remembered_and_the_administrators_list_wins(tmp_path: Path) -> None:
    admin = tmp_path / "admin.toml"
    admin.write_text('allow = ["https://zcy.example"]\ndeny = ["https://old.example"]\n')
    user = tmp_path / "web-origins.json"
    policy = OriginPolicy(user_file=user, admin_file=admin)
    assert policy.decision("https://zcy.example") is OriginDecision.ALLOW
    assert policy.decision("https://old.example") is OriginDecision.DENY
    assert policy.decision("https://new.example") is OriginDecision.ASK
    policy.remember("https://new.example", ConsentAnswer.ONCE)
    assert policy.decision("https://new.example") is OriginDecision.ASK
    policy.remember("https://new.example", ConsentAnswer.ALWAYS)
    policy.remember("https://bad.example", ConsentAnswer.NEVER)
    assert json.loads(user.read_text()) == {
        "origins": {"https://bad.example": "deny", "https://new.example": "allow"}
    }
    with pytest.raises(ConfigError):
        policy.set("https://old.example", OriginDecision.ALLOW)  # the administrator's
    again = OriginPolicy(user_file=user, admin_file=admin)
    assert again.decision("https://new.example") is OriginDecision.ALLOW
    assert [(e.origin, e.managed) for e in again.entries()] == [
        ("https://old.example", True), ("https://zcy.example", True),
        ("https://bad.example", False), ("https://new.example", False),
    ]  # fmt: skip
    again.set("https://new.example", OriginDecision.ASK)
    assert again.decision("https://new.example") is OriginDecision.ASK


def test_a_broken_administrators_list_is_an_error_not_an_open_door(tmp_path: Path) -> None:
    admin = tmp_path / "admin.toml"
    admin.write_text('allow = ["http://intranet.example"]\n')
    with pytest.raises(ConfigError):
        OriginPolicy(user_file=tmp_path / "u.json", admin_file=admin)


def test_rate_limit_refills_per_origin() -> None:
    now = [0.0]
    limiter = RateLimiter({"sign": Rate(burst=2, per_second=0.5)}, clock=lambda: now[0])
    assert [limiter.allow("https://a.example", "sign") for _ in range(3)] == [True, True, False]
    assert limiter.allow("https://b.example", "sign")  # another origin has its own bucket
    now[0] += 2.0
    assert limiter.allow("https://a.example", "sign")
    assert not limiter.allow("https://a.example", "sign")


def test_web_settings_round_trip_as_toml_booleans(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = ClientConfig(web_bridge=False, web_bridge_port=0, web_allow_http_loopback=True)
    save_config(config, path)
    text = path.read_text()
    assert "web_bridge = false\n" in text
    assert "web_bridge_port = 0\n" in text
    assert load_config(path) == config
    path.write_text('web_bridge = "no"\n')
    with pytest.raises(ConfigError):
        load_config(path)


def test_the_documented_schemas_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "web_bridge_schema.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
