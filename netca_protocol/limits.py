"""Every limit and pattern of the wire that both sides check: the one place they are written.

The RA enforces them (pydantic models, path parameters, upload checks); the client checks
the same values before it sends anything, so a user hears about a mistake before the RA
refuses it. Neither side writes its own copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# --- people and organisations -----------------------------------------------------------

#: 中国大陆手机号: 11 digits, 13x to 19x
MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"
MOBILE_LENGTH = 11
#: 居民身份证号: 17 digits and a check character (a digit or X, upper case on the wire)
ID_NUMBER_PATTERN = r"^[0-9]{17}[0-9X]$"
ID_NUMBER_LENGTH = 18
#: 统一社会信用代码: 18 characters, GB 32100-2015 alphabet (no I, O, S, V, Z)
USCC_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
#: names and units a person typed: 1 to 64 characters (and visible: models.SAFE_TEXT_PATTERN)
MAX_NAME_LENGTH = 64

# --- numbers and keys of the conversation ----------------------------------------------

#: 业务单号: 17 digits (prefix, date, sequence), e.g. 00202009200000485
ORDER_NO_PATTERN = r"^[0-9]{17}$"
ORDER_NO_LENGTH = 17
SERVICE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,32}$"
#: the ``Idempotency-Key`` header a client chooses for every call that changes state
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_.:-]{8,128}$"
KEY_SERIAL_PATTERN = r"^[A-Za-z0-9_.:-]{1,32}$"
REQUEST_ID_PATTERN = r"^[0-9a-f]{32}$"
#: a client-chosen secret that authorises later calls about one key request (hashed at the RA)
REQUEST_SECRET_PATTERN = r"^[A-Za-z0-9_-]{32,128}$"  # noqa: S105 - a pattern
#: an SMS one-time code
OTP_CODE_PATTERN = r"^[0-9]{6}$"
OTP_CODE_LENGTH = 6

# --- bodies and uploads -----------------------------------------------------------------

#: Largest request bodies the RA reads (it answers 413 payload_too_large beyond them): JSON
#: and form bodies; DER bodies of OCSP and TSA requests; one material upload (multipart).
MAX_JSON_BODY_BYTES = 64 * 1024
MAX_DER_BODY_BYTES = 16 * 1024
#: one application material (unlock with another handler): at most 5 MB
MAX_MATERIAL_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_BODY_BYTES = MAX_MATERIAL_BYTES + 64 * 1024
#: files one key request may carry
MAX_MATERIALS_PER_REQUEST = 10
#: the file names a material may have, and the media type each one must hold
MATERIAL_SUFFIXES: Mapping[str, str] = MappingProxyType(
    {
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".png": "image/png",
        ".pdf": "application/pdf",
    }
)
#: how each media type's content starts (the content decides, not the name)
MATERIAL_MAGIC: Mapping[str, bytes] = MappingProxyType(
    {
        "image/jpeg": b"\xff\xd8\xff",
        "image/png": b"\x89PNG\r\n\x1a\n",
        "application/pdf": b"%PDF-",
    }
)


def matches(pattern: str, text: str) -> bool:
    """Whether ``text`` is what ``pattern`` (one of the patterns above) allows."""
    return re.fullmatch(pattern, text) is not None


def material_suffix_allowed(filename: str) -> bool:
    """Whether a file of this name may be offered at all (.jpg, .jpeg, .png, .pdf)."""
    return _suffix(filename) in MATERIAL_SUFFIXES


def material_media_type(filename: str, content: bytes) -> str | None:
    """The media type of an acceptable material: its name's type, and its content starts
    like that type. None when either is wrong (size and decoding are checked apart)."""
    media_type = MATERIAL_SUFFIXES.get(_suffix(filename))
    if media_type is None or not content.startswith(MATERIAL_MAGIC[media_type]):
        return None
    return media_type


def _suffix(filename: str) -> str:
    return "." + filename.rpartition(".")[2].lower() if "." in filename else ""


# --- seals (印章申请 / 变更) ------------------------------------------------------------

#: a seal's declared size (diameter, or width of an oval or square seal) in millimetres
SEAL_SIZE_MM_MIN = 15
SEAL_SIZE_MM_MAX = 60
#: the usual size of a round organisation seal (公章) and of a contract seal (合同专用章)
SEAL_SIZE_MM_DEFAULT = 42
#: a seal name becomes the key object's label (at most 128 bytes of UTF-8): at most 40
#: characters, whatever script
MAX_SEAL_NAME_LENGTH = 40
