"""Seal DER as the key layer needs it: parse with client errors, and the object to write.

Pure functions, safe on any thread (the key layer calls them on the token thread).
"""

from __future__ import annotations

from netca_client.core.seals._errors import translated
from netca_seal import Seal, SealObjectTemplate, parse_seal, seal_label, seal_object_template


def parse_key_seal(der: bytes) -> Seal:
    """Parse a seal; SealUnreadable when the bytes are not a GB/T 38540 / GM/T 0031 seal."""
    with translated():
        return parse_seal(der)


def key_seal_template(der: bytes, *, label: str | None = None) -> SealObjectTemplate:
    """The CKO_DATA attributes for a seal (docs/seal-format.md): only DER that parses.

    ``label`` overrides the seal name as CKA_LABEL; it obeys the same rules as a name.
    A seal that parses but fails its checks (expired, untrusted maker…) is still accepted:
    the client cannot repair a seal the RA made, and `netca seals` reports its problems.
    """
    with translated():
        template = seal_object_template(parse_seal(der))
        if label is None:
            return template
        return SealObjectTemplate(
            application=template.application,
            label=seal_label(label),
            value=template.value,
            private=template.private,
        )
