"""Unified social credit codes (统一社会信用代码, GB 32100-2015): find and check them."""

from __future__ import annotations

import re

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_PATTERN = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def is_valid_uscc(code: str) -> bool:
    """True when ``code`` is 18 characters of the code alphabet with a correct check character."""
    if len(code) != 18 or any(c not in _ALPHABET for c in code):
        return False
    total = sum(_ALPHABET.index(c) * w for c, w in zip(code[:17], _WEIGHTS, strict=True))
    check = (31 - total % 31) % 31
    return _ALPHABET[check] == code[17]


def find_uscc(text: str) -> str | None:
    """The first valid code inside ``text`` (e.g. "NTRCN-91440101…" or "USCC:…"), if any."""
    for match in _PATTERN.finditer(text.upper()):
        if is_valid_uscc(match.group(0)):
            return match.group(0)
    return None


def make_uscc(first17: str) -> str:
    """Complete 17 characters with their check character (for test data and demo keys)."""
    total = sum(_ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + _ALPHABET[(31 - total % 31) % 31]
