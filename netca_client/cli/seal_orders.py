"""`netca seal apply|change|edit|submit|install|status`: seal applications from the CLI.

The workflow decides (core/workflows/seal_record.py); each command calls the transition it
names and then says what the job's next step is. The PIN comes from a hidden prompt or, with
--pin-stdin, the first line of standard input — never from argv.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from netca_client.cli.answers import Answers
from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.keys import key_option
from netca_client.cli.pin_login import pin_stdin_option
from netca_client.cli.ra_target import ca_bundle_option, ra_target, ra_url_option
from netca_client.cli.wire_input import build
from netca_client.core.atomic_files import write_atomically
from netca_client.core.errors import NetcaError
from netca_client.core.seals import key_seals
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.seal_jobs import SealJobs
from netca_client.core.workflows.seal_record import SealJob
from netca_client.core.workflows.steps import StepKind, StopReason
from netca_protocol import BusinessType
from netca_protocol.seals import SealDetailsIn, SealOrderKind

details_options = (
    click.option("--name", "seal_name", required=True, help="印章名称 (the seal name)."),
    click.option(
        "--kind", type=click.Choice(["official", "contract"]), default="official",
        show_default=True, help="official = 公章, contract = 合同专用章.",
    ),
    click.option("--size", "size_mm", type=int, default=42, show_default=True,
                 help="Seal size in millimetres."),
    click.option("--handler-name", required=True, help="Handler's name (经办人)."),
    click.option("--id-number", required=True, help="Handler's ID card number."),
    click.option("--mobile", required=True, help="Handler's mobile number."),
)  # fmt: skip
form_option = click.option(
    "--form", "form_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Save the 电子印章申请表 (PDF) here.",
)  # fmt: skip
scan_option = click.option(
    "--scan", "scans", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Scan of the stamped form (jpg/png/pdf, at most 5 MB); repeatable. Submits it.",
)  # fmt: skip


def _with(options: tuple[click.Option, ...] | tuple[object, ...]) -> object:
    def apply(fn: object) -> object:
        for option in reversed(options):
            fn = option(fn)  # type: ignore[operator]
        return fn

    return apply


def _details(
    kind: str, seal_name: str, size_mm: int, handler: tuple[str, str, str]
) -> SealDetailsIn:
    name, id_number, mobile = handler
    return build(
        SealDetailsIn, _OPTIONS, seal_kind=SealOrderKind(kind), seal_name=seal_name,
        size_mm=size_mm, handler={"name": name, "id_number": id_number.upper(), "mobile": mobile},
    )  # fmt: skip


_OPTIONS = {"seal_name": "--name", "size_mm": "--size", "handler.name": "--handler-name",
            "handler.id_number": "--id-number", "handler.mobile": "--mobile"}  # fmt: skip


@contextmanager
def _jobs(cli: CliContext, ra_url: str | None, ca_bundle: str | None) -> Iterator[SealJobs]:
    target = ra_target(ra_url, ca_bundle)
    with target.client() as ra:
        trust = cli.seal_trust()
        yield SealJobs(
            cli.library(), ra, ra_url=target.url, journal=Journal(), secrets=SecretStore(),
            trust=trust,
        )  # fmt: skip


def _open_job(jobs: SealJobs, key: KeyRef) -> SealJob | None:
    entries = jobs.pending(key.serial)
    return jobs.resume(entries[0]) if entries else None


def _say(job: SealJob) -> None:
    """What the job waits for now, or how it ended."""
    step = job.next_step()
    match step.kind:
        case StepKind.UPLOAD_MATERIALS:
            click.echo(t("seal-step-upload"))
        case StepKind.WAIT_FOR_REVIEW:
            click.echo(t("seal-step-review"))
        case StepKind.INSTALL:
            click.echo(t("seal-step-install"))
        case StepKind.DONE:
            assert job.result is not None
            click.echo(t("seal-installed", name=job.result.seal_name, seal_id=job.result.seal_id))
            if job.result.replaced_seal_id:
                click.echo(t("seal-replaced", old=job.result.replaced_seal_id))
        case StepKind.FAILED if step.reason is StopReason.REJECTED:
            click.echo(t("seal-rejected", reason=step.detail or "-"))
        case StepKind.FAILED if step.reason is StopReason.CANCELLED:
            click.echo(t("seal-cancelled"))
        case StepKind.FAILED:
            click.echo(t("seal-completed"))


def _save_form(jobs: SealJobs, job: SealJob, path: Path | None) -> None:
    if path is not None:
        write_atomically(path, jobs.form(job), replace=True)
        click.echo(t("seal-form-saved", path=str(path)))


def _submit(jobs: SealJobs, job: SealJob, scans: tuple[Path, ...]) -> SealJob:
    for path in scans:
        uploaded = jobs.upload(job, path)
        click.echo(t("seal-scan-uploaded", name=uploaded.filename, size=uploaded.size))
    return jobs.submit(job) if scans else job


def _apply(
    cli: CliContext, business: BusinessType, options: dict[str, object], replaces: str
) -> None:
    pin_stdin = bool(options.pop("pin_stdin"))
    serial, ra_url, ca_bundle = (options.pop(k) for k in ("serial", "ra_url", "ca_bundle"))
    scans, form_path = options.pop("scans"), options.pop("form_path")
    handler = (options.pop("handler_name"), options.pop("id_number"), options.pop("mobile"))
    details = _details(handler=handler, **options)  # type: ignore[arg-type]
    key = cli.key(serial)  # type: ignore[arg-type]
    with _jobs(cli, ra_url, ca_bundle) as jobs:  # type: ignore[arg-type]
        existing = _open_job(jobs, key)
        if existing is not None:
            raise click.ClickException(t("seal-application-open", order=existing.order_no))
        if business is BusinessType.SEAL_CHANGE and not replaces:
            replaces = _the_seal(cli, key)
        pin = Answers(use_stdin=pin_stdin).read("prompt-pin")
        job = jobs.start(key, pin, details, business_type=business, replaces_seal_id=replaces)
        click.echo(t("seal-order-opened", order=job.order_no))
        _save_form(jobs, job, form_path)  # type: ignore[arg-type]
        _say(_submit(jobs, job, scans))  # type: ignore[arg-type]


def _the_seal(cli: CliContext, key: KeyRef) -> str:
    with cli.library().open(key) as session:
        ids = [s.seal.seal_id for s in key_seals(session, trust=cli.seal_trust()) if s.seal]
    if not ids:
        raise click.ClickException(t("seal-change-none"))
    if len(ids) > 1:
        raise click.ClickException(t("seal-change-which"))
    return ids[0]


@click.command("apply")
@key_option
@ra_url_option
@ca_bundle_option
@pin_stdin_option
@_with(details_options)  # type: ignore[misc]
@form_option
@scan_option
@pass_context
def apply(cli: CliContext, **options: object) -> None:
    """申请印章: apply for a seal for the key's signing certificate (signed on the key)."""
    _apply(cli, BusinessType.SEAL_APPLY, options, "")


@click.command("change")
@key_option
@ra_url_option
@ca_bundle_option
@pin_stdin_option
@_with(details_options)  # type: ignore[misc]
@form_option
@scan_option
@click.option("--replaces", default="", help="Seal id of the seal to change (default: the one).")
@pass_context
def change(cli: CliContext, replaces: str, **options: object) -> None:
    """变更印章: apply for a new seal that replaces the key's seal once installed."""
    _apply(cli, BusinessType.SEAL_CHANGE, options, replaces)


def _job_or_fail(jobs: SealJobs, key: KeyRef) -> SealJob:
    job = _open_job(jobs, key)
    if job is None:
        raise click.ClickException(t("seal-no-application"))
    return job


@click.command("edit")
@key_option
@ra_url_option
@ca_bundle_option
@_with(details_options)  # type: ignore[misc]
@form_option
@scan_option
@pass_context
def edit(cli: CliContext, **options: object) -> None:
    """修改资料: correct an application under review (new form; upload its scan)."""
    serial, ra_url, ca_bundle = (options.pop(k) for k in ("serial", "ra_url", "ca_bundle"))
    scans, form_path = options.pop("scans"), options.pop("form_path")
    handler = (options.pop("handler_name"), options.pop("id_number"), options.pop("mobile"))
    details = _details(handler=handler, **options)  # type: ignore[arg-type]
    with _jobs(cli, ra_url, ca_bundle) as jobs:  # type: ignore[arg-type]
        job = jobs.edit(_job_or_fail(jobs, cli.key(serial)), details)  # type: ignore[arg-type]
        _save_form(jobs, job, form_path)  # type: ignore[arg-type]
        _say(_submit(jobs, job, scans))  # type: ignore[arg-type]


@click.command("submit")
@key_option
@ra_url_option
@ca_bundle_option
@form_option
@scan_option
@pass_context
def submit(
    cli: CliContext, serial: str | None, ra_url: str | None, ca_bundle: str | None,
    form_path: Path | None, scans: tuple[Path, ...],
) -> None:  # fmt: skip
    """Upload the scans of the stamped form and submit them for review (or save the form)."""
    with _jobs(cli, ra_url, ca_bundle) as jobs:
        job = _job_or_fail(jobs, cli.key(serial))
        _save_form(jobs, job, form_path)
        _say(_submit(jobs, job, scans))


@click.command("install")
@key_option
@ra_url_option
@ca_bundle_option
@pin_stdin_option
@pass_context
def install(
    cli: CliContext, serial: str | None, ra_url: str | None, ca_bundle: str | None, pin_stdin: bool
) -> None:
    """安装印章: write the approved seal to the key, verify it, replace the old one."""
    key = cli.key(serial)
    with _jobs(cli, ra_url, ca_bundle) as jobs:
        job = _job_or_fail(jobs, key)
        if job.next_step().kind is StepKind.INSTALL:
            pin = Answers(use_stdin=pin_stdin).read("prompt-pin")
            try:
                job = jobs.install(job, key, pin)
            except NetcaError:
                jobs.abandon_failed_write(job)
                raise
        _say(job)


@click.command("status")
@key_option
@ra_url_option
@ca_bundle_option
@pass_context
def status(cli: CliContext, serial: str | None, ra_url: str | None, ca_bundle: str | None) -> None:
    """Where the key's seal application stands (and its query code for 业务查询)."""
    with _jobs(cli, ra_url, ca_bundle) as jobs:
        job = _job_or_fail(jobs, cli.key(serial))
        if job.order is not None:
            click.echo(
                t(
                    "seal-status", order=job.order_no, business=job.record.business_type.value,
                    state=t(f"seal-state-{job.order.state.value}"),
                    revision=job.order.revision, name=job.order.details.seal_name,
                )
            )  # fmt: skip
        click.echo(t("seal-query-code", token=jobs.order_token(job)))
        _say(job)


SEAL_ORDER_COMMANDS = (apply, change, edit, submit, install, status)
