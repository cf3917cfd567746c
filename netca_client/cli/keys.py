"""`netca keys`, `netca certs`, `netca seals`: what is on the keys, for people and scripts.

Without --key, certs and seals cover every key plugged in, grouped by key (text and JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.errors import tries_text
from netca_client.cli.i18n import t
from netca_client.cli.output import emit_json
from netca_client.core.errors import KeyNotInitialised, KeyRemoved
from netca_client.core.key_snapshot import awaiting_activation
from netca_client.core.token import KeyRef, KeySession, PinStatus

if TYPE_CHECKING:
    from netca_client.core.certs import CertificateSummary

T = TypeVar("T")

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
key_option = click.option("--key", "serial", help="Serial (or label) of the key to use.")


def pin_state_text(status: PinStatus | None) -> str:
    if status is None:
        return t("blank-key")
    word = t(f"pin-{status.state}")
    return (
        word
        if status.locked
        else t("pin-state-tries", state=word, tries=tries_text(status.tries_left))
    )


def key_heading(key: KeyRef) -> str:
    """How a group of lines names its key: label, serial and module file."""
    return t(
        "key-heading", label=key.label or "-", serial=key.serial or "-", module=key.module_name
    )


def each_key(
    cli: CliContext, serial: str | None, read: Callable[[KeySession], T]
) -> Iterator[tuple[KeyRef, T]]:
    """``read`` on the key named by ``serial``, or on every key plugged in (KeyNotFound when
    there is none). A key pulled out meanwhile is skipped when several were asked for."""
    keys = cli.keys(serial)
    for key in keys:
        try:
            with cli.library().open(key) as session:
                yield key, read(session)
        except (KeyRemoved, KeyNotInitialised):
            if len(keys) == 1:
                raise


def _pin_status(cli: CliContext, key: KeyRef) -> tuple[PinStatus | None, bool]:
    """The key's PIN state, and whether it awaits activation (激活证书)."""
    try:
        with cli.library().open(key) as session:
            return session.pin_status(), awaiting_activation(session)
    except (KeyRemoved, KeyNotInitialised):
        return None, False


@click.command()
@json_option
@pass_context
def keys(cli: CliContext, as_json: bool) -> None:
    """List the USB keys plugged in (every driver found), with their module and PIN state."""
    library = cli.library()
    found = [(key, *_pin_status(cli, key)) for key in library.keys()]
    if as_json:
        emit_json(
            [{"key": k, "pin": status, "awaiting_activation": waits} for k, status, waits in found]
        )
        return
    entries = [
        (key, t("awaiting-activation") if waits else pin_state_text(status))
        for key, status, waits in found
    ]
    if not entries:
        click.echo(t("no-keys"))
        if library.failures:
            click.echo(t("keys-module-failures", n=len(library.failures)), err=True)
    for key, state in entries:
        click.echo(
            f"{key.label or '-'}\t{key.serial or '-'}\t{key.manufacturer} {key.model}\t"
            f"{key.module_name}\t{state}"
        )


def _days_text(days: int) -> str:
    return t("days-left", n=days) if days >= 0 else t("expired", n=-days)


def _cert_line(cert: CertificateSummary) -> str:
    holder = cert.subject_cn
    if cert.subject_o and cert.subject_o != cert.subject_cn:
        holder += f" / {cert.subject_o}"
    parts = [
        holder,
        t(f"purpose-{cert.purpose.value}"),
        f"{cert.key_algorithm} {cert.key_size}",
        f"{cert.not_after:%Y-%m-%d}",
        _days_text(cert.days_left),
    ]
    if cert.org_code:
        parts.append(t("org-code", code=cert.org_code))
    parts.append(t("issuer", name=cert.issuer_cn))
    return "  " + "\t".join(parts)


@click.command()
@key_option
@json_option
@pass_context
def certs(cli: CliContext, serial: str | None, as_json: bool) -> None:
    """List the certificates on every key (or on --key SERIAL), grouped by key."""
    from netca_client.core.certs import key_certificates  # cryptography, only when listing

    found = list(each_key(cli, serial, key_certificates))
    if as_json:
        emit_json([{"key": key, "certificates": certificates} for key, certificates in found])
        return
    for key, certificates in found:
        click.echo(key_heading(key))
        if not certificates:
            click.echo("  " + t("no-certs"))
        for cert in certificates:
            click.echo(_cert_line(cert))
