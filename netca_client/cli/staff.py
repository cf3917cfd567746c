"""`netca staff login|logout|provision`: 受理点 (acceptance point) staff at the counter.

The session is kept in the OS keyring where there is one (or only for one command without
one); passwords and SO PINs come from hidden prompts or --stdin, never from argv.
"""

from __future__ import annotations

import click

from netca_client.cli.answers import Answers, stdin_option
from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import key_option
from netca_client.cli.ra_target import ca_bundle_option, ra_target, ra_url_option, staff_session
from netca_client.core.secrets import SecretStore
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.provision import Provisioner, ProvisionStep
from netca_client.core.workflows.staff import StaffSessions
from netca_protocol.limits import ORDER_NO_PATTERN, matches


@click.group()
def staff() -> None:
    """受理点 (acceptance point) staff: sign in to the RA, provision keys."""


@staff.command("login")
@ra_url_option
@ca_bundle_option
@stdin_option
def staff_login(ra_url: str | None, ca_bundle: str | None, use_stdin: bool) -> None:
    """Sign in; the session is kept in the OS keyring (or only for this command without one)."""
    answers = Answers(use_stdin=use_stdin)
    target = ra_target(ra_url, ca_bundle)
    sessions = StaffSessions(SecretStore(), target.url)
    username = answers.read("prompt-staff-username", hidden=False)
    password = answers.read("prompt-staff-password")
    with target.client() as ra:
        session = sessions.login(ra, username, password)
    click.echo(t("staff-signed-in", name=session.display_name, until=session.expires_at))
    if not sessions.persistent:
        click.echo(t("staff-no-keyring"), err=True)


@staff.command("logout")
@ra_url_option
@ca_bundle_option
def staff_logout(ra_url: str | None, ca_bundle: str | None) -> None:
    target = ra_target(ra_url, ca_bundle)
    with target.client() as ra:
        StaffSessions(SecretStore(), target.url).logout(ra)
    click.echo(t("staff-signed-out"))


@staff.command("provision")
@click.argument("order_no")
@key_option
@ra_url_option
@ca_bundle_option
@stdin_option
@pass_context
def staff_provision(
    cli: CliContext,
    order_no: str,
    serial: str | None,
    ra_url: str | None,
    ca_bundle: str | None,
    use_stdin: bool,
) -> None:
    """Provision a blank key for the approved new-certificate order ORDER_NO."""
    if not matches(ORDER_NO_PATTERN, order_no):
        raise click.BadParameter(t("order-no-format"), param_hint="ORDER_NO")
    answers = Answers(use_stdin=use_stdin)
    target = ra_target(ra_url, ca_bundle)
    key = cli.key(serial)
    with target.client() as ra:
        session = staff_session(ra, target, answers)
        factory = answers.read("prompt-factory-so-pin")
        provisioner = Provisioner(cli.library(), ra, ra_url=target.url, journal=Journal())

        def progress(step: ProvisionStep) -> None:
            click.echo(t(f"provision-{step.value}"), err=True)

        result = provisioner.provision(
            session, order_no, key, factory_so_pin=factory, progress=progress
        )
    click.echo(
        t(
            "provisioned",
            name=key.label or key.serial,
            holder=result.holder,
            serial=result.certificate_serial,
        )
    )
