"""`netca renew` (证书续期) and `netca install` (证书安装).

The workflow decides (core/workflows/renewal_record.py): this module asks what the job's next
step names — a PIN, a payment — or says what it waits for. PINs come from hidden prompts or,
with --stdin, one a line from standard input, never from argv. Several --key options renew
several keys' certificates with one order and one payment; each key is then installed when
it is plugged in (`netca install`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click

from netca_client.cli.answers import Answers, stdin_option
from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.i18n import t
from netca_client.cli.ra_target import RaTarget, ca_bundle_option, ra_target, ra_url_option
from netca_client.cli.wire_input import build
from netca_client.core.certs import CertificateSummary, KeyPurpose, key_certificates
from netca_client.core.certs.archive import is_archived
from netca_client.core.errors import KeyNotFound, WorkflowError
from netca_client.core.ra.renewal_client import RenewalClient
from netca_client.core.secrets import SecretStore
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import Journal
from netca_client.core.workflows.renewal_defaults import load_last_order, save_last_order
from netca_client.core.workflows.renewal_install import install as install_on_key
from netca_client.core.workflows.renewal_record import RenewalJob
from netca_client.core.workflows.renewals import RenewalDetails, RenewalPart, Renewals
from netca_client.core.workflows.steps import Step, StepKind, StopReason
from netca_protocol import BankTransferIn, HandlerIn, PaymentIn, PaymentMethod
from netca_protocol.renewal import InvoiceIn, RenewalOffer


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


@contextmanager
def _renewals(cli: CliContext, target: RaTarget) -> Iterator[Renewals]:
    with RenewalClient(target.url, ca_bundle=target.bundle) as ra:
        yield Renewals(
            cli.library(), ra, ra_url=target.url, journal=Journal(), secrets=SecretStore()
        )


@dataclass(frozen=True)
class Driving:
    """How far `netca renew`/`install` may go on their own: pay how, wait how long."""

    answers: Answers
    payment: PaymentIn | None
    wait_seconds: float
    final_try_ok: bool


def _drive(cli: CliContext, renewals: Renewals, job: RenewalJob, how: Driving) -> RenewalJob:
    """Take one key's job as far as it can go now; say what it waits for."""
    waited, delay, told = 0.0, 1.0, False
    while True:
        step = job.next_step()
        match step.kind:
            case StepKind.ENTER_PIN:
                click.echo(t("renew-sign-again"))
                renewals.forget(job)
                return job
            case StepKind.WAIT_FOR_REVIEW:
                click.echo(t("renew-review"))
                return job
            case StepKind.PAY if how.payment is None:
                click.echo(t("renew-pay-needs"))
                return job
            case StepKind.PAY:
                job = _pay(renewals, job, how.payment)
                if how.payment.method is PaymentMethod.BANK_TRANSFER:
                    return job
            case StepKind.WAIT_FOR_PAYMENT if waited >= how.wait_seconds:
                click.echo(t("renew-still-waiting"))
                return job
            case StepKind.WAIT_FOR_PAYMENT:
                if not told:
                    click.echo(t("renew-waiting-payment"), err=True)
                    told = True
                time.sleep(delay)  # backoff: 1, 2, 4 … 15 s between questions
                waited += delay
                delay = min(delay * 2, 15.0)
                job = renewals.refresh(job)
            case StepKind.INSTALL:
                key = _plugged(cli, job.key_serial)
                if key is None:
                    click.echo(t("renew-plug", serial=job.key_serial))
                    return job
                pin = how.answers.read("prompt-key-pin", name=key.label or key.serial)
                job = install_on_key(renewals, job, key, pin, allow_final_try=how.final_try_ok)
            case StepKind.DONE:
                assert job.result is not None
                result = job.result
                archived = t("renew-archived") if result.archived_old else ""
                date = result.not_after[:10]
                click.echo(
                    t("renew-installed", serial=result.new_serial, date=date, archived=archived)
                )
                return job
            case StepKind.FAILED:
                click.echo(_stop_text(step))
                return job


def _pay(renewals: Renewals, job: RenewalJob, payment: PaymentIn) -> RenewalJob:
    job = renewals.pay(job, payment)
    out = job.payment
    if out is not None and out.payment_url:
        click.echo(t("renew-pay-online", amount=yuan(out.amount_fen), url=out.payment_url))
        _print_qr(out.payment_url)
    elif out is not None:
        click.echo(t("renew-pay-bank"))
    return job


def _print_qr(url: str) -> None:
    import io

    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(url)
    text = io.StringIO()
    code.print_ascii(out=text)
    click.echo(text.getvalue(), err=True)


def _stop_text(step: Step) -> str:
    match step.reason:
        case StopReason.CANCELLED:
            return t("renew-stopped-cancelled")
        case StopReason.REJECTED:
            return t("renew-stopped-rejected", reason=step.detail or "-")
        case StopReason.ALREADY_COMPLETED:
            return t("renew-stopped-done")
    return t("renew-stopped-other")


def _plugged(cli: CliContext, serial: str) -> KeyRef | None:
    try:
        return cli.library().find(serial)
    except KeyNotFound:
        return None


def renewable_certificate(cli: CliContext, key: KeyRef, serial: str | None) -> CertificateSummary:
    """The key's current signing certificate (or the one with serial ``serial``)."""
    with cli.library().open(key) as session:
        certs = [c for c in key_certificates(session) if not is_archived(c.label)]
    signing = [c for c in certs if c.purpose in (KeyPurpose.SIGNING, KeyPurpose.BOTH)]
    if serial:
        signing = [c for c in signing if c.serial.lower().lstrip("0") == serial.lower().lstrip("0")]
    if not signing:
        raise click.ClickException(t("renew-no-certificate", name=key.label or key.serial))
    return max(signing, key=lambda c: c.not_after)


def refusal_text(offer: RenewalOffer) -> str:
    date = f"{offer.not_after:%Y-%m-%d}" if offer.not_after else "-"
    start = f"{offer.renewable_from:%Y-%m-%d}" if offer.renewable_from else "-"
    reason = offer.refusal.value if offer.refusal else "unknown_certificate"
    return t(f"renew-refused-{reason}", date=date, start=start, n=offer.window_days)


def _payment(pay: str | None, account: str | None, payer: str | None, date: str | None,
             amount_fen: int) -> PaymentIn | None:  # fmt: skip
    if pay is None:
        return None
    if pay == "simulated":
        return PaymentIn(method=PaymentMethod.SIMULATED)
    if not (account and payer and date):
        raise click.UsageError(t("renew-bank-needs"))
    transfer = build(BankTransferIn, _TRANSFER_OPTIONS, payer_account=account, payer_name=payer,
                     amount_fen=amount_fen, transfer_date=date)  # fmt: skip
    return PaymentIn(method=PaymentMethod.BANK_TRANSFER, bank_transfer=transfer)


pay_options = [
    click.option("--pay", type=click.Choice(["simulated", "bank-transfer"]), help="How to pay."),
    click.option("--payer-account", help="Bank transfer: the account paid from."),
    click.option("--payer-name", help="Bank transfer: the payer's name."),
    click.option("--transfer-date", help="Bank transfer: the date (YYYY-MM-DD)."),
    click.option("--wait", "wait_seconds", type=float, default=300.0, show_default=True,
                 help="Seconds to wait for the payment before leaving it to `netca install`."),
    click.option("--final-try-ok", is_flag=True, help="Allow spending a key's final PIN try."),
]  # fmt: skip


def with_pay_options(command: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(pay_options):
        command = option(command)
    return command


_HANDLER_OPTIONS = {"name": "--handler-name", "id_number": "--handler-id",
                    "mobile": "--handler-mobile"}  # fmt: skip
_TRANSFER_OPTIONS = {"payer_account": "--payer-account", "payer_name": "--payer-name",
                     "transfer_date": "--transfer-date"}  # fmt: skip
_INVOICE_OPTIONS = {"title": "--invoice-title", "tax_id": "--tax-id",
                    "email": "--invoice-email", "mobile": "--invoice-mobile"}  # fmt: skip


@click.command()
@click.option("--key", "keys", multiple=True, help="Key (serial or label); repeat for a batch.")
@click.option("--cert", "cert_serial", help="Serial of the certificate to renew (one key).")
@click.option("--years", type=click.IntRange(1, 5), default=1, show_default=True,
              help="Years to renew for; the fee is the profile's, per year.")  # fmt: skip
@click.option("--handler-name", help="Handler (经办人); default: the last order's.")
@click.option("--handler-id", help="Handler's ID card number.")
@click.option("--handler-mobile", help="Handler's mobile number.")
@click.option("--invoice-title", help="发票抬头 (default: the organisation).")
@click.option("--tax-id", help="纳税人识别号 for the invoice.")
@click.option("--invoice-email", help="Where the e-invoice goes (or --invoice-mobile).")
@click.option("--invoice-mobile", help="Mobile for the e-invoice.")
@click.option("--accept-agreement", is_flag=True,
              help="Accept the service agreement and the encryption warning shown.")  # fmt: skip
@with_pay_options
@ra_url_option
@ca_bundle_option
@stdin_option
@pass_context
def renew(cli: CliContext, keys: tuple[str, ...], cert_serial: str | None, years: int,
          handler_name: str | None, handler_id: str | None, handler_mobile: str | None,
          invoice_title: str | None, tax_id: str | None, invoice_email: str | None,
          invoice_mobile: str | None, accept_agreement: bool, pay: str | None,
          payer_account: str | None, payer_name: str | None, transfer_date: str | None,
          wait_seconds: float, final_try_ok: bool, ra_url: str | None, ca_bundle: str | None,
          use_stdin: bool) -> None:  # fmt: skip
    """证书续期: renew certificates online while they are valid, pay, install."""
    answers = Answers(use_stdin=use_stdin)
    chosen = [cli.key(k) for k in keys] or [cli.key(None)]
    with _renewals(cli, ra_target(ra_url, ca_bundle)) as renewals:
        certs = [renewable_certificate(cli, key, cert_serial) for key in chosen]
        offers = [renewals.ra.renewal_offer(format(int(c.serial, 16), "x")) for c in certs]
        for cert, offer in zip(certs, offers, strict=True):
            if not offer.eligible:
                raise click.ClickException(refusal_text(offer))
            click.echo(t("renew-offer", holder=cert.subject_cn, serial=cert.serial,
                         date=f"{cert.not_after:%Y-%m-%d}", profile=offer.profile_name,
                         fee=yuan(offer.per_year_fen)))  # fmt: skip
        first = offers[0]
        click.echo(t("renew-agreement", title=first.agreement_title))
        click.echo(first.agreement_text)
        click.echo(t("renew-encryption-warning"))
        amount = sum(o.per_year_fen * years for o in offers)
        click.echo(t("renew-fee", years=years, amount=yuan(amount), n=len(offers)))
        if not accept_agreement:
            raise click.UsageError(t("renew-agreement-needed"))
        last = load_last_order(renewals.journal)
        handler = build(
            HandlerIn, _HANDLER_OPTIONS,
            name=handler_name or (last.handler.name if last.handler else ""),
            id_number=(handler_id or (last.handler.id_number if last.handler else "")).upper(),
            mobile=handler_mobile or (last.handler.mobile if last.handler else ""),
        )  # fmt: skip
        invoice = build(
            InvoiceIn, _INVOICE_OPTIONS,
            title=invoice_title or (last.invoice.title if last.invoice else certs[0].subject_o),
            tax_id=tax_id or (last.invoice.tax_id if last.invoice else certs[0].org_code),
            email=invoice_email or (last.invoice.email if last.invoice else None),
            mobile=invoice_mobile or (None if invoice_email else handler.mobile),
        )  # fmt: skip
        parts = [
            RenewalPart(
                key,
                cert,
                answers.read("prompt-key-pin", name=key.label or key.serial),
                allow_final_try=final_try_ok,
            )
            for key, cert in zip(chosen, certs, strict=True)
        ]
        details = RenewalDetails(years, handler, invoice, first.agreement_version)
        jobs = renewals.start(parts, details)
        save_last_order(renewals.journal, handler, invoice)
        renewal = jobs[0].renewal
        if renewal is not None:
            click.echo(t("renew-ordered", order=renewal.order_no, amount=yuan(renewal.amount_fen)))
        how = Driving(answers, _payment(pay, payer_account, payer_name, transfer_date, amount),
                      wait_seconds, final_try_ok)  # fmt: skip
        first_job = _drive(cli, renewals, jobs[0], how)
        if first_job.next_step().kind in (StepKind.INSTALL, StepKind.DONE):
            for job in jobs[1:]:
                _drive(cli, renewals, renewals.refresh(job), how)


@click.command("install")
@click.option("--key", "serial", help="Only this key (serial or label).")
@with_pay_options
@ra_url_option
@ca_bundle_option
@stdin_option
@pass_context
def install(cli: CliContext, serial: str | None, pay: str | None, payer_account: str | None,
            payer_name: str | None, transfer_date: str | None, wait_seconds: float,
            final_try_ok: bool, ra_url: str | None, ca_bundle: str | None,
            use_stdin: bool) -> None:  # fmt: skip
    """证书安装: finish renewals (pay if still due, wait, install on each plugged key)."""
    answers = Answers(use_stdin=use_stdin)
    with _renewals(cli, ra_target(ra_url, ca_bundle)) as renewals:
        key_serial = cli.key(serial).serial if serial else None
        pending = renewals.pending(key_serial)
        if not pending:
            click.echo(t("nothing-to-install"))
            return
        for entry in pending:
            if renewals.journal.get(entry.entry_id) is None:
                continue  # finished while an earlier one of its batch was driven
            try:
                job = renewals.resume(entry)
            except WorkflowError as exc:
                click.echo(str(exc))
                continue
            amount = job.renewal.amount_fen if job.renewal else 0
            how = Driving(answers, _payment(pay, payer_account, payer_name, transfer_date, amount),
                          wait_seconds, final_try_ok)  # fmt: skip
            _drive(cli, renewals, job, how)
