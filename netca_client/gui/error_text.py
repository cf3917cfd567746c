"""User-facing text for errors and PIN rules, built from the error's type and fields."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from netca_client.core import errors
from netca_client.core.errors import NOT_JPG_PNG_PDF, TOO_LARGE, KeyAmbiguous, MaterialRejected
from netca_client.core.token import pin_policy
from netca_protocol.errors import ErrorCode

translate = QCoreApplication.translate


def tries_left_text(tries_left: int | None) -> str:
    if tries_left is None:
        return translate("ErrorText", "tries left unknown")
    return translate("ErrorText", "{n} tries left").format(n=tries_left)


def policy_rules() -> list[tuple[str, str]]:
    """(reason code, rule text) for the inline checklist of the PIN dialogs."""
    return [
        (pin_policy.TOO_SHORT, translate("ErrorText", "At least 8 characters")),
        (
            pin_policy.TOO_FEW_CLASSES,
            translate(
                "ErrorText", "Mix at least three of: upper case, lower case, digits, symbols"
            ),
        ),
        (pin_policy.IS_DEFAULT, translate("ErrorText", "Not the default PIN 12345678")),
        (pin_policy.SAME_AS_OLD, translate("ErrorText", "Not the same as the current PIN")),
    ]


def policy_reason_text(reason: str) -> str:
    texts = dict(policy_rules())
    texts[pin_policy.TOO_LONG] = translate("ErrorText", "Longer than the key accepts")
    texts["rejected-by-key"] = translate("ErrorText", "The key refused this PIN")
    return texts.get(reason, reason)


def error_text(exc: errors.NetcaError) -> str:
    match exc:
        case errors.DriverMissing():
            return translate(
                "ErrorText",
                "No USB key driver was found. Install the driver of your key, or choose one in Settings.",  # noqa: E501
            )
        case KeyAmbiguous():
            return translate(
                "ErrorText", "Several USB keys fit ({keys}); choose the key to use."
            ).format(keys=", ".join(k.label or k.serial for k in exc.candidates))
        case errors.KeyNotFound():
            return translate("ErrorText", "No USB key found. Please plug in your key.")
        case errors.KeyRemoved():
            return translate(
                "ErrorText",
                "The USB key was removed. Nothing was changed; plug it in and try again.",
            )
        case errors.KeyNotInitialised():
            return translate("ErrorText", "This USB key has not been initialised yet.")
        case errors.PinIncorrect() if exc.tries_left == 0:
            return translate(
                "ErrorText", "Wrong PIN. The key is now locked: use Forgot PIN to unlock it."
            )
        case errors.PinIncorrect():
            return translate("ErrorText", "Wrong PIN, {left}.").format(
                left=tries_left_text(exc.tries_left)
            )
        case errors.PinLocked():
            return translate(
                "ErrorText",
                "The PIN is locked after too many wrong tries. Use Forgot PIN to unlock it.",
            )
        case errors.FinalTryNotConfirmed():
            return translate("ErrorText", "This is the final try. Confirm before entering the PIN.")
        case errors.PinPolicyViolation():
            return translate("ErrorText", "The new PIN is not accepted: {reasons}").format(
                reasons="; ".join(policy_reason_text(r) for r in exc.reasons)
            )
        case errors.RaUnavailable():
            return translate(
                "ErrorText",
                "The RA service cannot be reached. Check the network and the RA address in Settings.",  # noqa: E501
            )
        case errors.RaRejected() if (text := ra_refusal_text(exc.code)) is not None:
            return text
        case errors.RaRejected():
            return translate(
                "ErrorText", "The RA service refused the request: {detail} ({code})"
            ).format(detail=exc.detail, code=exc.code)
        case errors.PdfEncrypted():
            return translate(
                "ErrorText", "The PDF is encrypted; open it, save it unencrypted, then sign it."
            )
        case errors.PdfUnreadable():
            return translate(
                "ErrorText", "The file is not a readable PDF (damaged, truncated or not a PDF)."
            )
        case errors.PdfOutputExists():
            return translate("ErrorText", "{path} already exists; it was not overwritten.").format(
                path=exc.path
            )
        case errors.PdfWriteFailed():
            return translate("ErrorText", "Could not write {path}: {reason}").format(
                path=exc.path, reason=exc.reason
            )
        case errors.PageOutOfRange():
            return translate(
                "ErrorText", "Page {page} does not exist; the PDF has {count} pages."
            ).format(page=exc.page, count=exc.page_count)
        case errors.KeywordNotFound():
            return translate("ErrorText", "The keyword “{text}” was not found in the PDF.").format(
                text=exc.text
            )
        case errors.SealNotBound():
            return translate(
                "ErrorText", "The seal “{name}” is not bound to a certificate on this key."
            ).format(name=exc.seal_name)
        case errors.PdfSigningFailed():
            return translate("ErrorText", "Signing failed: {reason}").format(reason=exc.reason)
        case errors.SealNotFound():
            return translate("ErrorText", "No seal named “{name}” on this key.").format(
                name=exc.name
            )
        case errors.SealError():
            return translate("ErrorText", "The seal on the key cannot be used: {detail}").format(
                detail=str(exc)
            )
        case errors.StaffLoginRequired():
            return translate(
                "ErrorText",
                "Sign in as acceptance-point staff first (or sign in again: the session expired).",
            )
        case errors.KeyNotBlank():
            return translate(
                "ErrorText",
                "This USB key is not blank (it holds certificates, keys or data); use a new key.",
            )
        case errors.WrongKey():
            return translate(
                "ErrorText", "This is not the key of this job: plug in key {expected}."
            ).format(expected=exc.expected)
        case errors.SoPinUnusable():
            return translate(
                "ErrorText",
                "The key cannot be reset online. Please bring the key to an acceptance point.",
            )
        case MaterialRejected():
            return material_text(exc)
        case errors.UnsupportedKeyAlgorithm():
            return translate(
                "ErrorText",
                "The {algorithm} key on this USB key cannot be used here; nothing was signed. "
                "({reason})",
            ).format(algorithm=exc.algorithm, reason=exc.reason)
        case errors.Sm2NotAvailable():
            return translate(
                "ErrorText",
                "This computer's OpenSSL has no SM2 (国密): SM2 signatures can be neither made "
                "nor checked here. ({reason})",
            ).format(reason=exc.reason)
        case errors.RaError():
            return translate(
                "ErrorText", "The RA service answered in a way the client does not understand."
            )
    return translate("ErrorText", "The operation failed: {detail}").format(detail=str(exc))


def wrong_code_text(attempts_left: int | None) -> str:
    """A refused SMS code, with the tries the request has left (from the RA's request state)."""
    if attempts_left is not None and attempts_left > 0:
        return translate("ErrorText", "Wrong code, {n} tries left.").format(n=attempts_left)
    return ra_refusal_text(ErrorCode.OTP_LOCKED) or ""


def material_text(exc: MaterialRejected) -> str:
    name = Path(exc.path).name
    if exc.reason == TOO_LARGE:
        return translate("ErrorText", "{name} is larger than 5 MB.").format(name=name)
    if exc.reason == NOT_JPG_PNG_PDF:
        return translate("ErrorText", "{name} is not a JPG, PNG or PDF file.").format(name=name)
    return translate("ErrorText", "{name} cannot be read: {reason}").format(
        name=name, reason=exc.reason
    )


def ra_refusal_text(code: str) -> str | None:
    """Words for the RA codes a user can act on; None for the rest (shown with their code)."""
    texts: dict[str, str] = {
        ErrorCode.OTP_INVALID: translate("ErrorText", "Wrong code."),
        ErrorCode.OTP_EXPIRED: translate(
            "ErrorText", "The code has expired. Send a new code and enter that one."
        ),
        ErrorCode.OTP_LOCKED: translate(
            "ErrorText", "Too many wrong codes. Please start a new request."
        ),
        ErrorCode.RATE_LIMITED: translate(
            "ErrorText", "Too many requests in a short time. Please wait and try again."
        ),
        ErrorCode.SMS_FAILED: translate(
            "ErrorText", "The SMS could not be sent. Please try again later."
        ),
        ErrorCode.ACTIVATION_NOT_ALLOWED: translate(
            "ErrorText",
            "The re-check of your documents is not finished; the key cannot be activated yet.",
        ),
        ErrorCode.KEY_NOT_REGISTERED: translate(
            "ErrorText",
            "The RA has no record of this key. Only keys issued at an acceptance point can be activated or unlocked online.",  # noqa: E501
        ),
        ErrorCode.KEY_ALREADY_REGISTERED: translate(
            "ErrorText", "This key is already registered for another certificate."
        ),
        ErrorCode.KEY_STATE_CONFLICT: translate(
            "ErrorText", "The key's state at the RA does not allow this."
        ),
        ErrorCode.KEY_ACTIVATED: translate("ErrorText", "This key is already activated."),
        ErrorCode.REQUEST_NOT_FOUND: translate(
            "ErrorText", "The RA does not know this request any more. Please start again."
        ),
        ErrorCode.REQUEST_STATE_CONFLICT: translate(
            "ErrorText", "The request has moved on meanwhile. Please start again."
        ),
        ErrorCode.MATERIAL_INVALID: translate(
            "ErrorText", "The RA refused the file: only JPG, PNG and PDF files are accepted."
        ),
        ErrorCode.MATERIAL_TOO_LARGE: translate(
            "ErrorText", "The RA refused the file: at most 5 MB per file."
        ),
        ErrorCode.UNAUTHORISED: translate(
            "ErrorText", "Not signed in: wrong user name or password, or the session expired."
        ),
        ErrorCode.ORDER_NOT_FOUND: translate("ErrorText", "No order with this number."),
        ErrorCode.ILLEGAL_TRANSITION: translate(
            "ErrorText", "The order's state does not allow this step."
        ),
    }
    return texts.get(code)
