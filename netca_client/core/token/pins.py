"""A key's status and its PINs: token info, tries left, log in and out, change and set PINs.

Token thread only (KeySession hops there); each function works on one OpenSession.
"""

from __future__ import annotations

from pkcs11 import TokenFlag

from netca_client.core import errors
from netca_client.core.token import _errors
from netca_client.core.token._cryptoki import CKU_SO, CKU_USER
from netca_client.core.token.models import KeyInfo, PinStatus, PinStatusSource
from netca_client.core.token.open_session import NOBODY, OpenSession, fresh_token
from netca_client.core.token.pin_policy import TOO_LONG, TOO_SHORT, pin_policy_problems
from netca_client.core.token.registry import VENDOR_RETRY_COUNT


def _version(v: tuple[int, int]) -> str:
    return f"{v[0]}.{v[1]}"


# --- status -----------------------------------------------------------------------------


def key_info(opened: OpenSession) -> KeyInfo:
    token = fresh_token(opened.module, opened.key)
    flags = TokenFlag(token.flags)
    rv, raw = opened.module.cryptoki.token_info(opened.key.slot_id)
    if rv != _errors.CKR_OK:
        raise _errors.error_for_rv(rv, "C_GetTokenInfo")
    return KeyInfo(
        key=opened.key,
        hardware_version=_version(token.hardware_version),
        firmware_version=_version(token.firmware_version),
        initialized=bool(flags & TokenFlag.TOKEN_INITIALIZED),
        user_pin_initialized=bool(flags & TokenFlag.USER_PIN_INITIALIZED),
        login_required=bool(flags & TokenFlag.LOGIN_REQUIRED),
        write_protected=bool(flags & TokenFlag.WRITE_PROTECTED),
        min_pin_length=int(raw.min_pin_len),
        max_pin_length=int(raw.max_pin_len),
        flags=tuple(f.name for f in TokenFlag if f.name and f.value and flags & f),
    )


def pin_status(opened: OpenSession) -> PinStatus:
    """Tries left from the model's vendor function when it has one, else from the flags
    (a fresh CK_TOKEN_INFO every time: python-pkcs11 caches it, docs/dependencies.md)."""
    flags = TokenFlag(fresh_token(opened.module, opened.key).flags)
    model = opened.module.model_for(opened.key)
    tries = max_tries = so_tries = so_max = None
    source = PinStatusSource.FLAGS
    if model and model.has(VENDOR_RETRY_COUNT) and model.retry_count_function:
        cryptoki = opened.module.cryptoki
        answer = cryptoki.retry_info(model.retry_count_function, opened.key.slot_id)
        if answer is not None:
            rv, retry = answer
            if rv == _errors.CKR_OK:
                tries, max_tries = int(retry.user_tries_left), int(retry.user_max_tries)
                so_tries, so_max = int(retry.so_tries_left), int(retry.so_max_tries)
                source = PinStatusSource.VENDOR
            elif isinstance(_errors.error_for_rv(rv, "retry info"), errors.KeyRemoved):
                raise errors.KeyRemoved("retry info: key gone")
    locked = bool(flags & TokenFlag.USER_PIN_LOCKED) or tries == 0
    final = not locked and (bool(flags & TokenFlag.USER_PIN_FINAL_TRY) or tries == 1)
    so_locked = bool(flags & TokenFlag.SO_PIN_LOCKED) or so_tries == 0
    so_final = not so_locked and (bool(flags & TokenFlag.SO_PIN_FINAL_TRY) or so_tries == 1)
    if tries is None:
        tries = 0 if locked else (1 if final else None)
    if so_tries is None:
        so_tries = 0 if so_locked else (1 if so_final else None)
    if max_tries is None and model and model.max_pin_tries:
        max_tries = model.max_pin_tries
    return PinStatus(
        tries_left=tries,
        max_tries=max_tries,
        count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        final_try=final,
        locked=locked,
        to_be_changed=bool(flags & TokenFlag.USER_PIN_TO_BE_CHANGED),
        so_tries_left=so_tries,
        so_max_tries=so_max,
        so_count_low=bool(flags & TokenFlag.SO_PIN_COUNT_LOW),
        so_final_try=so_final,
        so_locked=so_locked,
        source=source,
    )


# --- log in and out -----------------------------------------------------------------------


def login(opened: OpenSession, pin: str, *, so: bool, allow_final_try: bool) -> None:
    """C_Login as the user or the SO (the SO needs a read-write session), on the session
    python-pkcs11 opened: see _cryptoki for why not through python-pkcs11."""
    if so:
        opened.require_rw("C_Login(SO)")
    _guard(opened, so=so, allow_final_try=allow_final_try)
    user_type = CKU_SO if so else CKU_USER
    rv = opened.module.cryptoki.login(opened.live().handle, user_type, pin)
    if rv in (_errors.CKR_OK, _errors.CKR_USER_ALREADY_LOGGED_IN):
        opened.user = user_type
        return
    error = _errors.error_for_rv(rv, "C_Login", so=so)
    if isinstance(error, errors.PinIncorrect):
        raise _wrong_pin(opened, so=so)
    raise error


def logout(opened: OpenSession) -> None:
    if opened.user == NOBODY:
        return
    rv = opened.module.cryptoki.logout(opened.live().handle)
    opened.user = NOBODY
    if rv not in (_errors.CKR_OK, _errors.CKR_USER_NOT_LOGGED_IN):
        raise _errors.error_for_rv(rv, "C_Logout")


def _guard(opened: OpenSession, *, so: bool, allow_final_try: bool) -> None:
    status = pin_status(opened)
    if status.so_locked if so else status.locked:
        raise errors.PinLocked(so=so)
    if (status.so_final_try if so else status.final_try) and not allow_final_try:
        raise errors.FinalTryNotConfirmed(so=so)


def _wrong_pin(opened: OpenSession, *, so: bool) -> errors.PinIncorrect:
    status = pin_status(opened)
    return errors.PinIncorrect(status.so_tries_left if so else status.tries_left, so=so)


# --- set PINs ---------------------------------------------------------------------------


def change_pin(opened: OpenSession, old_pin: str, new_pin: str, *, allow_final_try: bool) -> None:
    _check_policy(opened, new_pin, old_pin=old_pin)
    opened.require_rw("C_SetPIN")
    _guard(opened, so=False, allow_final_try=allow_final_try)
    try:
        with _errors.translated("C_SetPIN"):
            opened.live().set_pin(old_pin, new_pin)
    except errors.PinIncorrect:
        raise _wrong_pin(opened, so=False) from None


def set_so_pin(opened: OpenSession, old_so_pin: str, new_so_pin: str) -> None:
    opened.require_rw("C_SetPIN(SO)")
    opened.require_so("changing the SO PIN")
    info = key_info(opened)
    length = len(new_so_pin.encode("utf-8"))
    if info.max_pin_length and length > info.max_pin_length:
        raise errors.PinPolicyViolation((TOO_LONG,))
    if length < info.min_pin_length:
        raise errors.PinPolicyViolation((TOO_SHORT,))
    try:
        with _errors.translated("C_SetPIN(SO)"):
            opened.live().set_pin(old_so_pin, new_so_pin)
    except errors.PinIncorrect:
        raise _wrong_pin(opened, so=True) from None
    except errors.PinLocked:
        raise errors.PinLocked(so=True) from None


def init_pin(opened: OpenSession, new_pin: str, *, enforce_policy: bool) -> None:
    if enforce_policy:
        _check_policy(opened, new_pin)
    opened.require_so("C_InitPIN")
    with _errors.translated("C_InitPIN"):
        opened.live().init_pin(new_pin)


def _check_policy(opened: OpenSession, new_pin: str, *, old_pin: str | None = None) -> None:
    max_length = key_info(opened).max_pin_length
    problems = pin_policy_problems(new_pin, old_pin=old_pin, max_length=max_length)
    if problems:
        raise errors.PinPolicyViolation(problems)
