"""`netca keys`, `netca certs`, `netca seals`: what is on the keys, for people and scripts."""

from __future__ import annotations

from pathlib import Path

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.errors import tries_text
from netca_client.cli.i18n import t
from netca_client.cli.output import emit_json
from netca_client.cli.seal_report import seal_line, seal_trust, trust_option
from netca_client.core.certs import CertificateSummary
from netca_client.core.errors import KeyNotInitialised, KeyRemoved
from netca_client.core.seals import key_seals
from netca_client.core.token import KeyRef, PinStatus

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
key_option = click.option("--key", "serial", help="Serial (or label) of the key to use.")


def pin_state_text(status: PinStatus | None) -> str:
    if status is None:
        return t("blank-key")
    word = t(f"pin-{status.state}")
    return word if status.locked else f"{word}，{tries_text(status.tries_left)}"


def _pin_status(cli: CliContext, key: KeyRef) -> PinStatus | None:
    if not key.initialized:
        return None
    try:
        with cli.library().open(key) as session:
            return session.pin_status()
    except (KeyRemoved, KeyNotInitialised):
        return None


@click.command()
@json_option
@pass_context
def keys(cli: CliContext, as_json: bool) -> None:
    """List the USB keys plugged in, with their PIN state."""
    entries = [(key, _pin_status(cli, key)) for key in cli.library().keys()]
    if as_json:
        emit_json([{"key": key, "pin": status} for key, status in entries])
        return
    if not entries:
        click.echo(t("no-keys"))
    for key, status in entries:
        click.echo(
            f"{key.label or '-'}\t{key.serial or '-'}\t{key.manufacturer} {key.model}\t"
            f"{pin_state_text(status)}"
        )


def _days_text(days: int) -> str:
    return t("days-left", n=days) if days >= 0 else t("expired", n=-days)


def _cert_line(cert: CertificateSummary) -> str:
    holder = cert.subject_cn
    if cert.subject_o and cert.subject_o != cert.subject_cn:
        holder += f" / {cert.subject_o}"
    return (
        f"{holder}\t{cert.purpose.value}\t{cert.key_algorithm} {cert.key_size}\t"
        f"{cert.not_after:%Y-%m-%d}\t{_days_text(cert.days_left)}\t{cert.issuer_cn}"
    )


@click.command()
@key_option
@json_option
@pass_context
def certs(cli: CliContext, serial: str | None, as_json: bool) -> None:
    """List the certificates on a key (the only key, or --key SERIAL)."""
    with cli.open(serial) as session:
        found = session.certificates()
        key = session.key
    if as_json:
        emit_json([{"key_serial": key.serial, "certificate": c} for c in found])
        return
    if not found:
        click.echo(t("no-certs"))
    for cert in found:
        click.echo(_cert_line(cert))


@click.command()
@key_option
@trust_option
@json_option
@pass_context
def seals(
    cli: CliContext, serial: str | None, trust_files: tuple[Path, ...], as_json: bool
) -> None:
    """List the seals on a key and check each one (public seal objects; no PIN needed).

    A seal is valid when its maker's signature verifies, the maker chains to a trusted
    seal-maker root, it is within its validity and a certificate on the key may use it.
    """
    trust = seal_trust(trust_files)
    with cli.open(serial) as session:
        found = key_seals(session, trust=trust)
    if as_json:
        emit_json([seal.as_dict() for seal in found])
        return
    if not found:
        click.echo(t("no-seals"))
    for seal in found:
        click.echo(seal_line(seal))
