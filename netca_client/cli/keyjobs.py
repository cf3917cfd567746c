"""Key jobs with the RA: `netca activate`, `netca unlock`, `netca resume`, `netca staff …`.

Codes, PINs, SO PINs and passwords come from hidden prompts, or with --stdin one a line from
standard input as each is needed — never from argv, never printed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import key_option
from netca_client.core.config import load_config
from netca_client.core.errors import NetcaError, PinPolicyViolation, RaRejected, UserCancelled
from netca_client.core.key_snapshot import awaiting_activation, pin_locked
from netca_client.core.ra.client import RaClient
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, choose_key_that, pin_policy_problems
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.core.workflows.pin_reset import KeyRequests, PinResetResult, Step
from netca_client.core.workflows.provision import Provisioner, ProvisionStep
from netca_client.core.workflows.staff import StaffSession, StaffSessions
from netca_protocol import ErrorCode, HandlerIn
from netca_protocol.models import KeyRequestOut, KeyRequestPurpose, KeyRequestState

ra_url_option = click.option(
    "--ra-url", envvar="NETCA_RA_URL", help="RA address (default: from config.toml)."
)
ca_bundle_option = click.option(
    "--ca-bundle",
    envvar="NETCA_RA_CA_BUNDLE",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM bundle that verifies the RA's TLS certificate.",
)
stdin_option = click.option(
    "--stdin",
    "use_stdin",
    is_flag=True,
    help="Read codes, PINs and passwords from standard input, one a line, as each is needed.",
)


class Answers:
    """Secrets and codes from hidden prompts or, with --stdin, one line of stdin each."""

    def __init__(self, *, use_stdin: bool) -> None:
        self.use_stdin = use_stdin

    def read(self, prompt_key: str, *, hidden: bool = True, **fields: object) -> str:
        if self.use_stdin:
            line = sys.stdin.readline()
            if not line:
                raise click.UsageError(t("stdin-ended", what=t(prompt_key, **fields)))
            return line.rstrip("\r\n")
        try:
            return str(click.prompt(t(prompt_key, **fields), hide_input=hidden, err=True))
        except click.Abort as exc:
            raise UserCancelled() from exc

    def new_pin(self) -> str:
        pin = self.read("prompt-new-pin")
        if not self.use_stdin and self.read("prompt-repeat-pin") != pin:
            raise click.UsageError(t("pins-differ"))
        problems = pin_policy_problems(pin)
        if problems:
            raise PinPolicyViolation(problems)
        return pin


@dataclass
class RaTarget:
    url: str
    bundle: str | None


def _target(ra_url: str | None, ca_bundle: str | None) -> RaTarget:
    config = load_config() if ra_url is None or ca_bundle is None else None
    url = ra_url or (config.ra_url if config else "")
    return RaTarget(url.rstrip("/"), ca_bundle or (config.ra_ca_bundle if config else None))


@contextmanager
def _requests(cli: CliContext, target: RaTarget) -> Iterator[KeyRequests]:
    with RaClient(target.url, ca_bundle=target.bundle) as ra:
        yield KeyRequests(
            cli.library(), ra, ra_url=target.url, journal=Journal(), secrets=SecretStore()
        )


def _staff_session(ra: RaClient, target: RaTarget, answers: Answers) -> StaffSession:
    sessions = StaffSessions(SecretStore(), target.url)
    current = sessions.current()
    if current is not None:
        return current
    click.echo(t("staff-login-needed"), err=True)
    username = answers.read("prompt-staff-username", hidden=False)
    password = answers.read("prompt-staff-password")
    return sessions.login(ra, username, password)


# --- code → PIN → reset, shared by activate, unlock and resume -------------------------------


def _say_sent(out: KeyRequestOut) -> None:
    if out.sent_to:
        click.echo(t("code-sent", phone=out.sent_to), err=True)


def _verify_loop(jobs: KeyRequests, entry: JournalEntry, answers: Answers) -> None:
    while True:
        code = answers.read("prompt-code", hidden=False)
        try:
            jobs.verify(entry, code)
            return
        except RaRejected as exc:
            if exc.code != ErrorCode.OTP_INVALID:
                raise
            left = jobs.state(entry).attempts_left
            click.echo(t("code-wrong", n=left), err=True)
            if left <= 0:
                raise


def _finish(jobs: KeyRequests, entry: JournalEntry, key: KeyRef, answers: Answers) -> None:
    pin = answers.new_pin()
    result = jobs.reset_pin(entry, key, pin)
    _say_done(result)


def _say_done(result: PinResetResult) -> None:
    which = "activated" if result.purpose is KeyRequestPurpose.ACTIVATE else "unlocked"
    tries = "-" if result.tries_left is None else str(result.tries_left)
    click.echo(t(f"key-{which}", tries=tries))


def _continue(
    jobs: KeyRequests,
    entry: JournalEntry,
    key: KeyRef,
    out: KeyRequestOut,
    answers: Answers,
    *,
    staff: StaffSession | None = None,
) -> None:
    """Take a request from whatever state it is in to the end, or say what it waits for."""
    state = out.state
    if state is KeyRequestState.SO_PIN_RELEASED:
        click.echo(t("resume-needs-code"), err=True)
        if staff is None:
            out = jobs.resend(entry)
            _say_sent(out)
        state = KeyRequestState.OTP_SENT
    if state is KeyRequestState.OTP_SENT:
        if staff is not None:
            jobs.authorise_by_staff(entry, staff)
        else:
            _verify_loop(jobs, entry, answers)
        state = KeyRequestState.AUTHORISED
    if state is KeyRequestState.AUTHORISED:
        _finish(jobs, entry, key, answers)
        return
    if state is KeyRequestState.MATERIALS_REQUIRED:
        click.echo(t("materials-required"))
    elif state is KeyRequestState.UNDER_REVIEW:
        click.echo(t("under-review"))
    elif state is KeyRequestState.REJECTED:
        click.echo(t("review-rejected", reason=out.review_reason or "-"))
        jobs.abandon(entry, force=True)
    elif state in (KeyRequestState.FAILED, KeyRequestState.EXPIRED):
        click.echo(t("request-over", state=t(f"request-{state.value}")))
        jobs.abandon(entry, force=True)


@contextmanager
def _forget_on_error(jobs: KeyRequests, entry: JournalEntry) -> Iterator[None]:
    """A request that failed before the RA released anything is dropped from the journal
    (the RA lets it expire); one that got further stays for `netca resume`."""
    try:
        yield
    except (NetcaError, UserCancelled, click.ClickException):
        current = jobs.journal_entry(entry.entry_id)
        if current is not None and jobs.may_abandon(current):
            jobs.abandon(current)
        raise


# --- activate / unlock / resume ------------------------------------------------------------


@click.command()
@key_option
@ra_url_option
@ca_bundle_option
@stdin_option
@click.option(
    "--staff",
    "by_staff",
    is_flag=True,
    help="At the counter: a signed-in staff member authorises instead of the SMS code.",
)
@pass_context
def activate(
    cli: CliContext,
    serial: str | None,
    ra_url: str | None,
    ca_bundle: str | None,
    use_stdin: bool,
    by_staff: bool,
) -> None:
    """激活证书: verify the SMS code sent to the handler and set your own PIN."""
    answers = Answers(use_stdin=use_stdin)
    target = _target(ra_url, ca_bundle)
    key = choose_key_that(cli.library(), awaiting_activation, serial)
    with _requests(cli, target) as jobs:
        status = jobs.key_status(key.serial)
        click.echo(
            t(
                "activation-about",
                holder=status.holder_name,
                org=status.organisation_name,
                phone=status.handler_mobile_masked,
            )
        )
        staff = _staff_session(jobs.ra, target, answers) if by_staff else None
        entry, out = jobs.start(key, KeyRequestPurpose.ACTIVATE, send_code=staff is None)
        with _forget_on_error(jobs, entry):
            if staff is None:
                _say_sent(out)
            _continue(jobs, jobs.entry(entry.entry_id), key, out, answers, staff=staff)


@click.command()
@key_option
@ra_url_option
@ca_bundle_option
@stdin_option
@click.option("--name", required=True, help="Handler's name (经办人姓名).")
@click.option("--id-number", required=True, help="Handler's ID card number.")
@click.option("--mobile", required=True, help="Handler's mobile number.")
@click.option(
    "--material",
    "materials",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Application material (jpg/png/pdf, at most 5 MB) when the handler changed; repeatable.",
)
@pass_context
def unlock(
    cli: CliContext,
    serial: str | None,
    ra_url: str | None,
    ca_bundle: str | None,
    use_stdin: bool,
    name: str,
    id_number: str,
    mobile: str,
    materials: tuple[Path, ...],
) -> None:
    """忘记密码: unlock the key with an SMS code to the handler and set a new PIN."""
    answers = Answers(use_stdin=use_stdin)
    handler = HandlerIn(name=name, id_number=id_number.upper(), mobile=mobile)
    key = choose_key_that(cli.library(), pin_locked, serial)
    with _requests(cli, _target(ra_url, ca_bundle)) as jobs:
        entry, out = jobs.start(key, KeyRequestPurpose.UNLOCK, handler=handler)
        with _forget_on_error(jobs, entry):
            entry = jobs.entry(entry.entry_id)
            if out.state is KeyRequestState.MATERIALS_REQUIRED and materials:
                click.echo(t("handler-mismatch"), err=True)
                for path in materials:
                    uploaded = jobs.upload(entry, path)
                    click.echo(t("material-uploaded", name=uploaded.filename, size=uploaded.size))
                out = jobs.submit(entry)
            _say_sent(out)
            _continue(jobs, entry, key, out, answers)


@click.command()
@key_option
@ra_url_option
@ca_bundle_option
@stdin_option
@pass_context
def resume(
    cli: CliContext, serial: str | None, ra_url: str | None, ca_bundle: str | None, use_stdin: bool
) -> None:
    """Finish activations and unlocks left unfinished (after a crash, or after review)."""
    answers = Answers(use_stdin=use_stdin)
    target = _target(ra_url, ca_bundle)
    with _requests(cli, target) as jobs:
        pending = jobs.pending(serial)
        provisioning = Provisioner(
            cli.library(), jobs.ra, ra_url=target.url, journal=Journal()
        ).pending()
        for job in provisioning:
            click.echo(t("resume-provision", order=job.get("order_no") or "-"))
        if not pending:
            click.echo(t("nothing-to-resume"))
            return
        for entry in pending:
            key = cli.key(entry.key_serial)
            click.echo(t("resuming", kind=t(f"job-{entry.kind}"), name=key.label or key.serial))
            if entry.step == Step.ROTATED:
                _say_done(jobs.reset_pin(entry, key, ""))
                continue
            _continue(jobs, entry, key, jobs.state(entry), answers)


# --- 受理点 staff ----------------------------------------------------------------------------


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
    target = _target(ra_url, ca_bundle)
    sessions = StaffSessions(SecretStore(), target.url)
    username = answers.read("prompt-staff-username", hidden=False)
    password = answers.read("prompt-staff-password")
    with RaClient(target.url, ca_bundle=target.bundle) as ra:
        session = sessions.login(ra, username, password)
    click.echo(t("staff-signed-in", name=session.display_name, until=session.expires_at))
    if not sessions.persistent:
        click.echo(t("staff-no-keyring"), err=True)


@staff.command("logout")
@ra_url_option
@ca_bundle_option
def staff_logout(ra_url: str | None, ca_bundle: str | None) -> None:
    target = _target(ra_url, ca_bundle)
    with RaClient(target.url, ca_bundle=target.bundle) as ra:
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
    if not (len(order_no) == 17 and order_no.isdigit()):
        raise click.BadParameter(t("order-no-format"), param_hint="ORDER_NO")
    answers = Answers(use_stdin=use_stdin)
    target = _target(ra_url, ca_bundle)
    key = cli.key(serial)
    with RaClient(target.url, ca_bundle=target.bundle) as ra:
        session = _staff_session(ra, target, answers)
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
