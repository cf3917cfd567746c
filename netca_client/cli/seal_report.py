"""How `netca seals` words a seal for people: kind, validity, check verdict and problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from netca_client.cli.i18n import known, t
from netca_client.core.seals import KeySeal, SealTrust, load_seal_trust

trust_option = click.option(
    "--trust",
    "trust_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also trust the seal-maker roots in this PEM file (repeatable).",
)


def seal_trust(trust_files: tuple[Path, ...]) -> SealTrust:
    """Built-in roots and the user's trust directory only, plus --trust files (for commands
    that do not read the settings: the picture of a seal needs no trust)."""
    return load_seal_trust(extra_files=trust_files)


def seal_advice(verdicts: Iterable[str]) -> list[str]:
    """What to do about seals that are not trusted here or not checkable here."""
    return [t(f"seal-advice-{v}") for v in ("untrusted", "indeterminate") if v in set(verdicts)]


def problem_text(code: str) -> str:
    key = f"seal-problem-{code}"
    return t(key) if known(key) else code


def verdict_text(seal: KeySeal) -> str:
    word = t(f"seal-verdict-{seal.verdict}")
    if seal.check is None:
        detail = " ".join(seal.problem.split())  # one line: asn1crypto's messages wrap
        return t("seal-verdict-because", verdict=word, reasons=detail) if detail else word
    reasons = t("list-separator").join(problem_text(p.code) for p in seal.check.problems)
    return t("seal-verdict-because", verdict=word, reasons=reasons) if reasons else word


def seal_line(seal: KeySeal) -> str:
    """One line per seal: name, kind, validity, verdict, who may use it."""
    if seal.seal is None:
        return f"{seal.label}\t-\t-\t{verdict_text(seal)}\t-"
    info = seal.seal
    kind = t(f"seal-kind-{info.kind.value}")
    valid = t(
        "seal-valid-range", start=f"{info.valid_from:%Y-%m-%d}", end=f"{info.valid_to:%Y-%m-%d}"
    )
    allowed = "、".join(
        (a.subject_cn or a.digest[:16]) + (" *" if a.on_key else "") for a in seal.allowed
    )
    return f"{info.name}\t{kind}\t{valid}\t{verdict_text(seal)}\t{allowed or '-'}"
