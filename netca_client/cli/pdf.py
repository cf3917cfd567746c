"""`netca sign` and `netca verify`: stamping PDFs with a seal on the key, and checking them.

The PDF libraries load only when one of these commands runs (core/pdf imports lazily).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from cryptography import x509

from netca_client.cli.context import CliContext, pass_context
from netca_client.cli.errors import describe
from netca_client.cli.i18n import t
from netca_client.cli.keys import json_option, key_option
from netca_client.cli.output import emit_json
from netca_client.cli.pin_login import final_try_option, login_with_pin, pin_stdin_option
from netca_client.cli.seal_report import trust_option, verdict_text
from netca_client.core.config import TSA_PATH, load_config
from netca_client.core.errors import ConfigError
from netca_client.core.pdf import (
    AtPosition,
    BatchItem,
    BatchResult,
    ByKeyword,
    CrossPage,
    Placement,
    SignatureLevel,
    SignatureReport,
    SignOptions,
    Verdict,
    VerificationReport,
    sign_batch,
    verify_pdf,
)
from netca_client.core.seals import key_holding_seal

_PDF_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("files", nargs=-1, required=True, type=_PDF_FILE)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Output file (one input) or directory (several inputs).",
)
@click.option("--seal", "seal_name", required=True, help="Seal name (label) or seal id.")
@click.option("--page", type=click.IntRange(min=1), help="Page for --at (1-based).")
@click.option(
    "--at",
    "at",
    multiple=True,
    metavar="X,Y",
    help="Seal centre in points from the page's bottom-left (repeatable).",
)
@click.option("--keyword", multiple=True, help="Centre the seal on this text (repeatable).")
@click.option("--all", "all_hits", is_flag=True, help="Stamp every occurrence of --keyword.")
@click.option("--last", "last_hit", is_flag=True, help="Stamp the last occurrence of --keyword.")
@click.option("--cross-page", is_flag=True, help="Cross-page seal (骑缝章) on the right edges.")
@click.option("--pages", "page_spec", help="Pages for --cross-page, e.g. 1-5 or 1,3,5.")
@click.option(
    "--level",
    type=click.Choice([lv.value for lv in SignatureLevel]),
    default=SignatureLevel.B_B.value,
    show_default=True,
)
@click.option(
    "--tsa", "tsa_url", help="Time-stamp authority URL (default: the settings' TSA, else the RA's)."
)
@click.option(
    "--ra-url", envvar="NETCA_RA_URL", help="RA address whose TSA B-T+ uses (default: settings)."
)
@click.option("--reason", help="Reason recorded in the signature.")
@click.option("--location", help="Location recorded in the signature.")
@click.option("--force", is_flag=True, help="Replace output files that exist.")
@key_option
@trust_option
@pin_stdin_option
@final_try_option
@pass_context
def sign(cli: CliContext, files: tuple[Path, ...], output: Path, seal_name: str,
         page: int | None, at: tuple[str, ...], keyword: tuple[str, ...], all_hits: bool,
         last_hit: bool, cross_page: bool, page_spec: str | None, level: str,
         tsa_url: str | None, ra_url: str | None, reason: str | None, location: str | None,
         force: bool,
         serial: str | None, trust_files: tuple[Path, ...], pin_stdin: bool,
         final_try_ok: bool) -> None:  # fmt: skip
    """Stamp FILES with the seal NAME: one PAdES signature per file covering every stamp.

    The key is the one holding the seal NAME (or --key). Inputs are never changed; each
    output appears complete or not at all.
    """
    placements = _placements(page, at, keyword, "all" if all_hits else "last" if last_hit
                             else "first", cross_page, page_spec)  # fmt: skip
    items = _items(files, output)
    chosen_level = SignatureLevel(level)
    config = cli.config()
    if chosen_level is not SignatureLevel.B_B and not tsa_url:
        tsa_url = config.tsa_url or (ra_url or config.ra_url).rstrip("/") + TSA_PATH
    trust = cli.seal_trust(trust_files)
    options = SignOptions(placements=placements, level=chosen_level, tsa_url=tsa_url,
                          reason=reason, location=location, trust_roots=trust.roots,
                          extra_certificates=trust.intermediates)  # fmt: skip
    key, seal = key_holding_seal(cli.library(), seal_name, trust=trust, wanted=serial)
    with cli.library().open(key) as session:
        if seal.verdict != "valid":
            click.echo(t("pdf-seal-warning", name=seal.name, verdict=verdict_text(seal)),
                       err=True)  # fmt: skip
        login_with_pin(session, pin_stdin=pin_stdin, final_try_ok=final_try_ok)
        results = cli.library().run(
            sign_batch, session, seal=seal, items=items, options=options, overwrite=force
        )
    _print_results(results)
    if not all(r.ok for r in results):
        sys.exit(describe(next(r.error for r in results if r.error))[1])


def _placements(page: int | None, at: tuple[str, ...], keywords: tuple[str, ...],
                which: str, cross_page: bool, page_spec: str | None,
                ) -> tuple[Placement, ...]:  # fmt: skip
    out: list[Placement] = []
    if at and page is None:
        raise click.UsageError(t("pdf-needs-placement"))
    for value in at:
        try:
            x, y = (float(v) for v in value.split(","))
        except ValueError:
            raise click.BadParameter(t("pdf-bad-at", value=value), param_hint="--at") from None
        out.append(AtPosition(page=page or 1, x=x, y=y))
    out.extend(ByKeyword(k, which=which) for k in keywords)  # type: ignore[arg-type]
    if cross_page:
        out.append(CrossPage(pages=_page_list(page_spec) if page_spec else None))
    if not out:
        raise click.UsageError(t("pdf-needs-placement"))
    return tuple(out)


def _page_list(spec: str) -> tuple[int, ...]:
    pages: list[int] = []
    try:
        for part in spec.split(","):
            first, _, last = part.strip().partition("-")
            pages.extend(range(int(first), int(last or first) + 1))
    except ValueError:
        raise click.BadParameter(t("pdf-bad-pages", value=spec), param_hint="--pages") from None
    if not pages or min(pages) < 1:
        raise click.BadParameter(t("pdf-bad-pages", value=spec), param_hint="--pages")
    return tuple(pages)


def _items(files: tuple[Path, ...], output: Path) -> list[BatchItem]:
    if len(files) == 1 and not output.is_dir():
        return [BatchItem(files[0], output)]
    if not output.is_dir():
        if output.suffix.lower() == ".pdf" or output.exists():
            raise click.UsageError(t("pdf-output-dir", path=str(output)))
        output.mkdir(parents=True)
    return [BatchItem(f, output / f.name) for f in files]


def _print_results(results: list[BatchResult]) -> None:
    for r in results:
        if r.ok and r.result is not None:
            click.echo(t("pdf-signed", source=str(r.source), target=str(r.target),
                         n=len(r.result.boxes), level=r.result.level.value))  # fmt: skip
        elif r.error is not None:
            click.echo(t("pdf-failed", source=str(r.source), reason=describe(r.error)[0]),
                       err=True)  # fmt: skip
    if len(results) > 1:
        ok = sum(r.ok for r in results)
        click.echo(t("pdf-summary", total=len(results), ok=ok, failed=len(results) - ok))


@click.command()
@click.argument("file", type=_PDF_FILE)
@trust_option
@json_option
def verify(file: Path, trust_files: tuple[Path, ...], as_json: bool) -> None:
    """Check every signature in FILE: signer, seal, time, integrity, trust, later changes.

    Exit status 0 only when every signature is valid.
    """
    roots: list[x509.Certificate] = []
    # The settings' trusted roots (a profile such as the demo's), then --trust.
    for path in [*(Path(p) for p in load_config().trust_files), *trust_files]:
        try:
            roots.extend(x509.load_pem_x509_certificates(path.read_bytes()))
        except ValueError as exc:
            raise ConfigError(f"cannot read trusted roots from {path}: {exc}") from exc
    report = verify_pdf(file, trust_roots=roots)
    if as_json:
        emit_json(report.as_dict())
    else:
        _print_report(report)
    if report.verdict is not Verdict.VALID:
        sys.exit(1)


def _print_report(report: VerificationReport) -> None:
    if not report.signatures:
        click.echo(t("verify-unsigned"))
        return
    for number, signature in enumerate(report.signatures, 1):
        page = t("verify-page", page=signature.page) if signature.page else ""
        click.echo(t("verify-signature", n=number, field=signature.field_name) + page)
        for line in _report_lines(signature):
            click.echo("  " + line)


def _report_lines(s: SignatureReport) -> list[str]:
    lines = [t("verify-signer", cn=s.signer_cn, org=s.organisation or "-")]
    if s.signing_time:
        lines.append(t("verify-signing-time", time=f"{s.signing_time:%Y-%m-%d %H:%M:%S %Z}"))
    if s.timestamp_time:
        state = t("verify-ok" if s.timestamp_ok else "verify-bad")
        lines.append(t("verify-timestamp", time=f"{s.timestamp_time:%Y-%m-%d %H:%M:%S %Z}",
                       tsa=s.timestamp_authority or "-", state=state))  # fmt: skip
    else:
        lines.append(t("verify-no-timestamp"))
    lines.append(t("verify-integrity-ok" if s.intact and s.valid else "verify-integrity-bad"))
    lines.append(t("verify-trusted" if s.trusted else "verify-untrusted"))
    lines.append(t(f"verify-revocation-{s.revocation.value}"))
    lines.append(t("verify-whole" if s.covers_whole_document else "verify-partial"))
    lines.extend(t("verify-change", change=c) for c in s.changes)
    if s.later_signatures:
        lines.append(t("verify-later-signatures", n=s.later_signatures))
    lines.append(t("verify-level", level=s.level))
    lines.append(t("verify-verdict", verdict=t(f"verdict-{s.verdict.value}")))
    return lines
