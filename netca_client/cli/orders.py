"""`netca orders show ORDER_NO`: 业务查询 — an order's state, fee and audit trail from the RA.

The order's token (查询码) is a secret: it comes from a hidden prompt or, with --stdin, from the
first line of standard input — never from the command line, where other users and the shell
history would see it. What the RA sent is printed with control and invisible characters
escaped, so a name cannot rewrite the terminal or disguise itself (U+202E and the like).
"""

from __future__ import annotations

import sys
import unicodedata

import click

from netca_client.cli.i18n import t
from netca_client.cli.output import emit_json
from netca_client.core.config import load_config
from netca_client.core.ra import RaClient
from netca_protocol import OrderOut
from netca_protocol.limits import ORDER_NO_PATTERN, matches

_STATES = {
    "submitted": "已提交",
    "under_review": "审核中",
    "approved": "审核通过",
    "rejected": "已驳回",
    "awaiting_payment": "待缴费",
    "paid": "已缴费",
    "issued": "已签发",
    "installed": "已安装",
    "rechecked": "已复审",
    "completed": "已办结",
    "cancelled": "已取消",
}
_BUSINESS = {
    "new": "新申请",
    "renewal": "续期",
    "change": "变更",
    "replacement": "补办",
    "unlock": "解锁",
    "seal_apply": "印章申请",
    "seal_change": "印章变更",
}


_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _safe(text: str) -> str:
    """``text`` with control and invisible formatting characters shown as \\uXXXX."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _UNSAFE else c for c in text)


def _yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def _actor(actor: str) -> str:
    kind, _, name = actor.partition(":")
    return {"staff": "工作人员", "applicant": "经办人", "payment": "支付渠道"}.get(kind, "系统") + (
        f" {name}" if name else ""
    )


def _print_order(order: OrderOut) -> None:
    click.echo(f"业务单号  {order.order_no}")
    click.echo(f"业务类型  {_BUSINESS.get(order.business_type.value, order.business_type.value)}")
    click.echo(f"状态      {_STATES.get(order.state.value, order.state.value)}")
    click.echo(f"单位      {_safe(order.subject.organisation_name)}")
    if order.subject.person_name:
        click.echo(f"持有人    {_safe(order.subject.person_name)}")
    click.echo(f"经办人    {_safe(order.handler.name)}")
    click.echo(f"金额      {_yuan(order.amount_fen)}（已缴 {_yuan(order.paid_fen)}）")
    click.echo("办理记录")
    for entry in order.audit:
        local = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
        state = _STATES.get(entry.to_state.value, entry.to_state.value)
        reason = f"  {_safe(entry.reason)}" if entry.reason else ""
        click.echo(f"  {local}  {_safe(_actor(entry.actor))}  {state}{reason}")


@click.group()
def orders() -> None:
    """Business orders at the RA (业务查询)."""


def _read_token(from_stdin: bool) -> str:
    if from_stdin:
        token = sys.stdin.readline().strip()
    else:
        token = str(click.prompt("查询码（订单的访问令牌）", hide_input=True, err=True)).strip()
    if not token:
        raise click.UsageError("需要查询码（订单的访问令牌）")
    return token


@orders.command("show")
@click.argument("order_no")
@click.option(
    "--stdin",
    "token_stdin",
    is_flag=True,
    help="Read the order's access token (查询码) from the first line of standard input "
    "instead of a hidden prompt.",
)
@click.option("--ra-url", envvar="NETCA_RA_URL", help="RA address (default: from config.toml).")
@click.option(
    "--ca-bundle",
    envvar="NETCA_RA_CA_BUNDLE",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM bundle that verifies the RA's TLS certificate.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def show(
    order_no: str, token_stdin: bool, ra_url: str | None, ca_bundle: str | None, as_json: bool
) -> None:
    """Show ORDER_NO: state, fee and audit trail (asks for the order's 查询码)."""
    if not matches(ORDER_NO_PATTERN, order_no):
        raise click.BadParameter(t("order-no-format"), param_hint="ORDER_NO")
    token = _read_token(token_stdin)
    config = load_config() if ra_url is None or ca_bundle is None else None
    url = ra_url or (config.ra_url if config else "")
    bundle = ca_bundle or (config.ra_ca_bundle if config else None)
    with RaClient(url, ca_bundle=bundle) as client:
        order = client.get_order(order_no, token=token)
    if as_json:
        emit_json(order.model_dump(mode="json"))
        return
    _print_order(order)
