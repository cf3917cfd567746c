"""Seals on the key: the client model of each seal object, its checks, and trusted makers.

The format itself lives in the shared package netca_seal; this package adds what the
client needs around it. It never imports pkcs11: the key layer (core/token), below it,
reads and writes the objects.
"""

from netca_client.core.errors import SealOnNoKey, SealOnSeveralKeys
from netca_client.core.seals.der import key_seal_template, parse_key_seal
from netca_client.core.seals.objects import (
    SEAL_APPLICATION,
    AllowedCertificate,
    KeySeal,
    SealObject,
    SealVerdict,
    describe_seal,
    describe_seals,
    seal_objects,
    seal_verdict,
)
from netca_client.core.seals.onkey import (
    find_seal,
    key_holding_seal,
    key_seals,
    write_seal,
)
from netca_client.core.seals.trust import (
    SealTrust,
    builtin_trust_dirs,
    load_seal_trust,
    user_trust_dir,
)

__all__ = [
    "SEAL_APPLICATION",
    "AllowedCertificate",
    "KeySeal",
    "SealObject",
    "SealOnNoKey",
    "SealOnSeveralKeys",
    "SealTrust",
    "SealVerdict",
    "builtin_trust_dirs",
    "describe_seal",
    "describe_seals",
    "find_seal",
    "key_holding_seal",
    "key_seal_template",
    "key_seals",
    "load_seal_trust",
    "parse_key_seal",
    "seal_objects",
    "seal_verdict",
    "user_trust_dir",
    "write_seal",
]
