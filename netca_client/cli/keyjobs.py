"""Key jobs with the RA: `netca activate`, `netca unlock`, `netca resume`.

The workflow decides (core/workflows/key_request_job.py): this module asks the question, or
calls the transition, that the job's next step names, until the job is done or waits.
Codes, PINs, SO PINs and passwords come from hidden prompts, or with --stdin one a line from
standard input as each is needed — never from argv, never printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from netca_client.cli.answers import Answers, stdin_option
from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import key_option
from netca_client.cli.ra_target import (
    RaTarget,
    ca_bundle_option,
    ra_target,
    ra_url_option,
    staff_session,
)
from netca_client.cli.wire_input import build
from netca_client.core.errors import NetcaError, UserCancelled
from netca_client.core.key_snapshot import awaiting_activation, pin_locked
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef, choose_key_that
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.key_request_job import KeyRequestJob, PinResetResult
from netca_client.core.workflows.key_requests import KeyRequests
from netca_client.core.workflows.provision import Provisioner, ProvisionRecord
from netca_client.core.workflows.staff import StaffSession
from netca_client.core.workflows.steps import Step, StepKind, StopReason
from netca_protocol import HandlerIn, UnlockPath
from netca_protocol.limits import OTP_CODE_LENGTH, OTP_CODE_PATTERN, matches
from netca_protocol.models import KeyRequestPurpose


@contextmanager
def _requests(cli: CliContext, target: RaTarget) -> Iterator[KeyRequests]:
    with target.client() as ra:
        yield KeyRequests(
            cli.library(), ra, ra_url=target.url, journal=Journal(), secrets=SecretStore()
        )


# --- one job, step by step, shared by activate, unlock and resume ----------------------------


def _drive(
    jobs: KeyRequests,
    job: KeyRequestJob,
    key: KeyRef,
    answers: Answers,
    *,
    staff: StaffSession | None = None,
    materials: tuple[Path, ...] = (),
) -> None:
    """Take a job from the step it is at to the end, or say what it waits for."""
    while True:
        step = job.next_step()
        match step.kind:
            case StepKind.NEW_CODE:
                click.echo(t("resume-needs-code"), err=True)
                job = jobs.authorise_by_staff(job, staff) if staff else _resend(jobs, job)
            case StepKind.ENTER_CODE if staff is not None:
                job = jobs.authorise_by_staff(job, staff)
            case StepKind.ENTER_CODE:
                job = _enter_code(jobs, job, answers)
            case StepKind.SET_PIN:
                job = jobs.reset_pin(job, key, answers.new_pin())
            case StepKind.CONFIRM_ONLY:
                job = jobs.reset_pin(job, key, "")
            case StepKind.UPLOAD_MATERIALS if materials:
                job = _upload(jobs, job, materials)
                materials = ()
            case StepKind.UPLOAD_MATERIALS:
                click.echo(t("materials-required"))
                return
            case StepKind.WAIT_FOR_REVIEW:
                click.echo(t("under-review"))
                return
            case StepKind.DONE:
                assert job.result is not None
                _say_done(job.result)
                return
            case StepKind.FAILED:
                click.echo(_stop_text(step))
                return


def _say_sent(job: KeyRequestJob) -> None:
    if job.request is not None and job.request.sent_to:
        click.echo(t("code-sent", phone=job.request.sent_to), err=True)


def _resend(jobs: KeyRequests, job: KeyRequestJob) -> KeyRequestJob:
    job = jobs.resend(job)
    _say_sent(job)
    return job


def _enter_code(jobs: KeyRequests, job: KeyRequestJob, answers: Answers) -> KeyRequestJob:
    code = answers.read("prompt-code", hidden=False).strip()
    while not matches(OTP_CODE_PATTERN, code):  # a typo is not sent: no try spent on it
        click.echo(t("code-format", n=OTP_CODE_LENGTH), err=True)
        code = answers.read("prompt-code", hidden=False).strip()
    job = jobs.verify(job, code)
    if job.code_refused and job.request is not None:
        click.echo(t("code-wrong", n=job.request.attempts_left), err=True)
    return job


def _upload(jobs: KeyRequests, job: KeyRequestJob, materials: tuple[Path, ...]) -> KeyRequestJob:
    click.echo(t("handler-changed-uploading"), err=True)
    for path in materials:
        uploaded = jobs.upload(job, path)
        click.echo(t("material-uploaded", name=uploaded.filename, size=uploaded.size))
    return jobs.submit(job)


def _say_done(result: PinResetResult) -> None:
    which = "activated" if result.purpose is KeyRequestPurpose.ACTIVATE else "unlocked"
    tries = "-" if result.tries_left is None else str(result.tries_left)
    click.echo(t(f"key-{which}", tries=tries))


def _stop_text(step: Step) -> str:
    match step.reason:
        case StopReason.REJECTED:
            return t("review-rejected", reason=step.detail or "-")
        case StopReason.TOO_MANY_CODES:
            return t("request-over", state=t("request-failed"))
        case StopReason.EXPIRED:
            return t("request-over", state=t("request-expired"))
        case StopReason.ALREADY_COMPLETED:
            return t("request-already-completed")
    return t("request-unexpected")


@contextmanager
def _forget_on_error(jobs: KeyRequests, job: KeyRequestJob) -> Iterator[None]:
    """A command that failed leaves no job the key does not depend on (the RA lets its
    request expire); one that got further stays for `netca resume`."""
    try:
        yield
    except (NetcaError, UserCancelled, click.ClickException):
        jobs.discard_if_untouched(job.entry_id)
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
    target = ra_target(ra_url, ca_bundle)
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
        staff = staff_session(jobs.ra, target, answers) if by_staff else None
        job = jobs.start(key, KeyRequestPurpose.ACTIVATE, send_code=staff is None)
        with _forget_on_error(jobs, job):
            if staff is None:
                _say_sent(job)
            _drive(jobs, job, key, answers, staff=staff)


_HANDLER_OPTIONS = {"name": "--name", "id_number": "--id-number", "mobile": "--mobile"}


@click.command()
@key_option
@ra_url_option
@ca_bundle_option
@stdin_option
@click.option("--name", required=True, help="Handler's name (经办人姓名).")
@click.option("--id-number", required=True, help="Handler's ID card number.")
@click.option("--mobile", required=True, help="Handler's mobile number.")
@click.option(
    "--handler-changed",
    is_flag=True,
    help="The organisation has a new handler (经办人已更换): upload materials (--material) for "
    "staff review instead of an SMS code to the handler on record.",
)
@click.option(
    "--material",
    "materials",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Application material (jpg/png/pdf, at most 5 MB) with --handler-changed; repeatable.",
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
    handler_changed: bool,
    materials: tuple[Path, ...],
) -> None:
    """忘记密码: an SMS code to the handler on record, or (--handler-changed) materials for staff
    review; then set a new PIN."""
    if handler_changed != bool(materials):
        raise click.UsageError(t("handler-changed-needs-materials"))
    answers = Answers(use_stdin=use_stdin)
    handler = build(HandlerIn, _HANDLER_OPTIONS, name=name, id_number=id_number.upper(),
                    mobile=mobile)  # fmt: skip
    path = UnlockPath.HANDLER_CHANGED if handler_changed else UnlockPath.HANDLER_ON_RECORD
    key = choose_key_that(cli.library(), pin_locked, serial)
    with _requests(cli, ra_target(ra_url, ca_bundle)) as jobs:
        job = jobs.start(key, KeyRequestPurpose.UNLOCK, handler=handler, unlock_path=path)
        with _forget_on_error(jobs, job):
            _say_sent(job)
            _drive(jobs, job, key, answers, materials=materials)


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
    target = ra_target(ra_url, ca_bundle)
    with _requests(cli, target) as jobs:
        pending = jobs.pending(serial)
        provisioning = Provisioner(
            cli.library(), jobs.ra, ra_url=target.url, journal=Journal()
        ).pending()
        for entry in provisioning:
            order = ProvisionRecord.from_entry(entry).order_no or "-"
            click.echo(t("resume-provision", order=order))
        if not pending:
            click.echo(t("nothing-to-resume"))
            return
        for entry in pending:
            key = cli.key(entry.key_serial)
            click.echo(t("resuming", kind=t(f"job-{entry.kind}"), name=key.label or key.serial))
            _drive(jobs, jobs.resume(entry), key, answers)
