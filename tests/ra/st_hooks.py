"""schemathesis hooks (loaded through SCHEMATHESIS_HOOKS): byte strategies for binary bodies."""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

# Random bytes, plus DER-looking prefixes so parsers get past the first tag byte.
_der_like = st.one_of(
    st.binary(min_size=1, max_size=600),
    st.binary(min_size=1, max_size=300).map(lambda b: b"\x30\x82" + len(b).to_bytes(2, "big") + b),
)
schemathesis.openapi.media_type("application/ocsp-request", _der_like)
schemathesis.openapi.media_type("application/timestamp-query", _der_like)
