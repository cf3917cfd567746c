"""CLI texts: Chinese first, English on request; errors map to messages and exit codes."""

from __future__ import annotations

import pytest

from netca_client.cli import errors as cli_errors
from netca_client.cli.i18n import _TEXTS, EN, ZH, language
from netca_client.core import errors
from netca_client.core.diagnostics import redact


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ZH),
        ({"LANG": "C.UTF-8"}, ZH),
        ({"LANG": "en_US.UTF-8"}, EN),
        ({"LANG": "en_US.UTF-8", "NETCA_LANG": "zh_CN"}, ZH),
        ({"NETCA_LANG": "en"}, EN),
    ],
)
def test_language(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for var in ("NETCA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert language() == expected


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    import string

    for key, texts in _TEXTS.items():
        assert set(texts) == {ZH, EN}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in texts.values()]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("error", "code", "fragment"),
    [
        (errors.PinIncorrect(3), cli_errors.EXIT_PIN_INCORRECT, "还剩 3 次"),
        (errors.PinIncorrect(0), cli_errors.EXIT_PIN_LOCKED, "已被锁定"),
        (errors.PinLocked(), cli_errors.EXIT_PIN_LOCKED, "忘记密码"),
        (errors.KeyRemoved(), cli_errors.EXIT_KEY, "拔出"),
        (errors.DriverMissing(("/x.so",)), cli_errors.EXIT_DRIVER, "/x.so"),
        (errors.PinPolicyViolation(("too-short",)), cli_errors.EXIT_USAGE, "至少 8 位"),
    ],
)
def test_errors_become_messages_and_exit_codes(
    monkeypatch: pytest.MonkeyPatch, error: errors.NetcaError, code: int, fragment: str
) -> None:
    monkeypatch.setenv("NETCA_LANG", "zh_CN")
    message, exit_code = cli_errors.describe(error)
    assert exit_code == code
    assert fragment in message


def test_redact_keeps_only_the_ends() -> None:
    assert redact("72c70f016a2f0b68") == "72c7**********68"
    assert redact("abc") == "***"
