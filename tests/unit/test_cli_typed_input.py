"""What a user types into `netca` options is checked against the wire contract before
anything is sent: a typo is a usage error naming the option and the rule, never an internal
error (a mistyped mobile number used to print "程序内部错误（ValidationError）")."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from netca_client.cli.wire_input import build
from netca_protocol import HandlerIn
from netca_protocol.renewal import InvoiceIn
from netca_protocol.seals import SealDetailsIn, SealOrderKind

HANDLER = {"name": "张三", "id_number": "44010119900101123X", "mobile": "13800138000"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`netca ARGS` in its own process (no key or RA is reached: the options are refused
    first), in Chinese."""
    return subprocess.run(
        [sys.executable, "-m", "netca_client.cli", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin", "NETCA_LANG": "zh_CN",
             "NETCA_PKCS11_MODULE": "/nonexistent/module.so"},
    )  # fmt: skip


def test_a_valid_handler_builds() -> None:
    assert build(HandlerIn, {}, **HANDLER) == HandlerIn(**HANDLER)


@pytest.mark.parametrize(
    ("field", "value", "option", "rule"),
    [
        ("id_number", "4401011990010112", "--id-number", "18 位居民身份证号码"),
        ("mobile", "1380013800", "--mobile", "11 位中国大陆手机号码"),
        ("name", "", "--name", "不能为空"),
        ("name", "张\u202e三", "--name", "控制字符"),
    ],
)
def test_each_refused_field_names_its_option_and_rule(
    field: str, value: str, option: str, rule: str
) -> None:
    options = {"name": "--name", "id_number": "--id-number", "mobile": "--mobile"}
    with pytest.raises(click.UsageError) as refused:
        build(HandlerIn, options, **{**HANDLER, field: value})
    assert refused.value.message.startswith(f"{option}：")
    assert rule in refused.value.message


def test_nested_fields_and_rules_across_fields() -> None:
    options = {"handler.mobile": "--mobile", "size_mm": "--size"}
    with pytest.raises(click.UsageError) as refused:
        build(SealDetailsIn, options, seal_kind=SealOrderKind.OFFICIAL, seal_name="公章",
              size_mm=99, handler={**HANDLER, "mobile": "x"})  # fmt: skip
    lines = refused.value.message.splitlines()
    assert lines == ["--size：印章尺寸应在 15 至 60 毫米之间",
                     "--mobile：应为 11 位中国大陆手机号码（1 开头）"]  # fmt: skip
    with pytest.raises(click.UsageError, match="email address or a mobile number"):
        build(InvoiceIn, {}, title="广州示例科技有限公司")


def test_seal_apply_and_unlock_refuse_typos_before_anything_else() -> None:
    applied = _cli("seal", "apply", "--name", "公章", "--handler-name", "张三",
                   "--id-number", "bad", "--mobile", "123")  # fmt: skip
    assert applied.returncode == 2, applied.stderr
    assert "--id-number：应为 18 位居民身份证号码（最后一位可为 X）" in applied.stderr
    assert "--mobile：应为 11 位中国大陆手机号码（1 开头）" in applied.stderr
    assert "内部错误" not in applied.stderr
    unlocked = _cli("unlock", "--name", "张三", "--id-number", "44010119900101123X",
                    "--mobile", "2800138000")  # fmt: skip
    assert unlocked.returncode == 2, unlocked.stderr
    assert "--mobile：应为 11 位中国大陆手机号码（1 开头）" in unlocked.stderr


def test_a_bank_transfer_report_names_the_option_it_refuses() -> None:
    from netca_protocol.models import BankTransferIn

    options = {"payer_account": "--payer-account", "transfer_date": "--transfer-date"}
    with pytest.raises(click.UsageError) as refused:
        build(BankTransferIn, options, payer_account="abc", payer_name="广州示例科技有限公司",
              amount_fen=20000, transfer_date="2026-13-01")  # fmt: skip
    assert refused.value.message.splitlines() == [
        "--payer-account：应为 4 至 40 位账号（数字，可含空格和短横线）",
        "--transfer-date：应为日期，如 2026-11-30",
    ]
