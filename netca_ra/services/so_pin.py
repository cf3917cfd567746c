"""Per-key SO PINs: derived from the master secret, the key serial and a version; never stored."""

from __future__ import annotations

import hashlib
import hmac
import string

ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits
LENGTH = 16  # fits every known token's maximum PIN length


def derive_so_pin(master: bytes, *, serial: str, version: int) -> str:
    """HMAC-SHA256(master, "netca-so-pin\\0" serial "\\0" version) as 16 of [A-Za-z0-9].

    The digest, read as a big-endian integer, gives one base-62 digit after another (least
    significant first); 256 bits leave the 95 bits used free of any measurable bias.
    """
    if version < 1:
        raise ValueError("SO PIN versions start at 1")
    message = b"netca-so-pin\0" + serial.encode("utf-8") + b"\0" + str(version).encode("ascii")
    number = int.from_bytes(hmac.new(master, message, hashlib.sha256).digest(), "big")
    chars = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)
