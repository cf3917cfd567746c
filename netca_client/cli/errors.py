"""The one place where a NetcaError becomes a CLI message and an exit code."""

from __future__ import annotations

from netca_client.cli.exit_codes import (
    EXIT_CANCELLED,
    EXIT_DRIVER,
    EXIT_ERROR,
    EXIT_KEY,
    EXIT_PDF,
    EXIT_PIN_INCORRECT,
    EXIT_PIN_LOCKED,
    EXIT_RA,
    EXIT_SEAL,
    EXIT_USAGE,
)
from netca_client.cli.i18n import known, t
from netca_client.core import errors
from netca_client.core.errors import (
    KeyAmbiguous,
    MaterialRejected,
    SealOnNoKey,
    SealOnSeveralKeys,
)
from netca_client.core.token.models import KeyRef


def tries_text(tries_left: int | None) -> str:
    return t("tries-unknown") if tries_left is None else t("tries-left", n=tries_left)


def policy_text(reasons: tuple[str, ...]) -> str:
    return "；".join(t(f"policy-{r}") for r in reasons)


def candidates_text(keys: tuple[KeyRef, ...]) -> str:
    """One line per key a user may choose from: label, serial, module file."""
    return "\n".join(
        t("key-candidate", label=k.label or "-", serial=k.serial or "-", module=k.module_name)
        for k in keys
    )


def describe(exc: errors.NetcaError) -> tuple[str, int]:
    """User-facing message and exit code for an error of our tree."""
    match exc:
        case SealOnSeveralKeys():
            keys = candidates_text(exc.candidates)
            return t(
                "err-seal-on-keys", name=exc.seal_name, n=len(exc.candidates), keys=keys
            ), EXIT_USAGE
        case KeyAmbiguous() if exc.wanted:
            keys = candidates_text(exc.candidates)
            n = len(exc.candidates)
            return t("err-key-ambiguous-named", wanted=exc.wanted, n=n, keys=keys), EXIT_USAGE
        case KeyAmbiguous():
            keys = candidates_text(exc.candidates)
            return t("err-key-ambiguous", n=len(exc.candidates), keys=keys), EXIT_USAGE
        case SealOnNoKey():
            return t("err-seal-nowhere", name=exc.name), EXIT_SEAL
        case errors.DriverMissing():
            return t("err-driver-missing", where=", ".join(exc.searched) or "-"), EXIT_DRIVER
        case errors.KeyNotFound() if exc.wanted:
            return t("err-key-not-found-named", wanted=exc.wanted), EXIT_KEY
        case errors.KeyNotFound():
            return t("err-key-not-found", what=""), EXIT_KEY
        case errors.KeyRemoved():
            return t("err-key-removed"), EXIT_KEY
        case errors.KeyNotInitialised():
            return t("err-key-blank"), EXIT_KEY
        case errors.PinIncorrect() if exc.tries_left == 0:
            return t("err-pin-incorrect-now-locked"), EXIT_PIN_LOCKED
        case errors.PinIncorrect():
            return t("err-pin-incorrect", left=tries_text(exc.tries_left)), EXIT_PIN_INCORRECT
        case errors.PinLocked():
            return t("err-pin-locked"), EXIT_PIN_LOCKED
        case errors.FinalTryNotConfirmed():
            return t("err-final-try"), EXIT_CANCELLED
        case errors.PinPolicyViolation():
            return t("err-policy", reasons=policy_text(exc.reasons)), EXIT_USAGE
        case errors.NotLoggedIn():
            return t("err-not-logged-in"), EXIT_ERROR
        case errors.UnsupportedKeyAlgorithm():
            return t("err-key-algorithm", algorithm=exc.algorithm, reason=exc.reason), EXIT_ERROR
        case errors.TokenError():
            return t("err-token", detail=str(exc)), EXIT_ERROR
        case errors.Sm2NotAvailable():
            return t("err-sm2-unavailable", reason=exc.reason), EXIT_ERROR
        case errors.SealUnreadable():
            return t("err-seal-unreadable", detail=exc.reason), EXIT_SEAL
        case errors.SealNotFound():
            return t("err-seal-not-found", name=exc.name), EXIT_SEAL
        case errors.SealAmbiguous():
            return t("err-seal-ambiguous", name=exc.name, ids=", ".join(exc.seal_ids)), EXIT_SEAL
        case errors.SealNotVerified():
            return t("err-seal-not-verified", detail=exc.detail), EXIT_SEAL
        case errors.SealError():
            return t("err-generic", detail=str(exc)), EXIT_SEAL
        case errors.RaUnavailable():
            return t("err-ra-unavailable", detail=str(exc)), EXIT_RA
        case errors.RaRejected() if known(f"ra-{exc.code}"):
            return t(f"ra-{exc.code}"), EXIT_RA
        case errors.RaRejected():
            return t("err-ra-rejected", code=exc.code, detail=exc.detail), EXIT_RA
        case errors.RaError():
            return t("err-ra-protocol", detail=str(exc)), EXIT_RA
        case errors.PdfEncrypted():
            return t("err-pdf-encrypted", detail=str(exc)), EXIT_PDF
        case errors.PdfUnreadable():
            return t("err-pdf-unreadable", detail=str(exc)), EXIT_PDF
        case errors.PdfOutputExists():
            return t("err-pdf-output-exists", path=exc.path), EXIT_PDF
        case errors.PageOutOfRange():
            return t("err-pdf-page", page=exc.page, count=exc.page_count), EXIT_USAGE
        case errors.KeywordNotFound():
            return t("err-pdf-keyword", text=exc.text), EXIT_PDF
        case errors.SealNotBound():
            return t("err-pdf-seal-not-bound", name=exc.seal_name), EXIT_SEAL
        case errors.PdfWriteFailed():
            return t("err-pdf-write", path=exc.path, reason=exc.reason), EXIT_PDF
        case errors.PdfSigningFailed():
            return t("err-pdf-signing", detail=str(exc)), EXIT_PDF
        case errors.PdfError():
            return t("err-generic", detail=str(exc)), EXIT_PDF
        case errors.StaffLoginRequired():
            return t("err-staff-login"), EXIT_USAGE
        case errors.KeyNotBlank():
            return t("err-key-not-blank", what=exc.what), EXIT_KEY
        case errors.WrongKey():
            return t("err-wrong-key", expected=exc.expected, found=exc.found), EXIT_KEY
        case errors.SoPinUnusable():
            return t("err-so-pin-unusable"), EXIT_PIN_LOCKED
        case MaterialRejected():
            return t("err-material", path=exc.path, reason=t(f"material-{exc.reason}")), EXIT_USAGE
        case errors.WorkflowError():
            return t("err-generic", detail=str(exc)), EXIT_ERROR
        case errors.ConfigError():
            return t("err-config", detail=str(exc)), EXIT_ERROR
    return t("err-generic", detail=str(exc)), EXIT_ERROR
