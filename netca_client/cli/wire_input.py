"""Request models built from what the user typed on the command line.

The wire contract (netca_protocol) decides what an ID number, a mobile number or a seal name
may be; a value it refuses is a typo, not a bug: a usage error that names the option and
what it must look like, before anything is sent (never "internal error").
"""

from __future__ import annotations

from typing import Any, TypeVar

import click

from netca_client.cli.i18n import t
from netca_protocol.limits import SEAL_SIZE_MM_MAX, SEAL_SIZE_MM_MIN

M = TypeVar("M")

#: the rule a refused field breaks, by the field's wire name (the last part of its location)
_RULES = {
    "id_number": "rule-id-number",
    "mobile": "rule-mobile",
    "email": "rule-email",
    "tax_id": "rule-tax-id",
    "size_mm": "rule-seal-size",
    "payer_account": "rule-account",
    "transfer_date": "rule-date",
}


def build(model: type[M], options: dict[str, str], **fields: Any) -> M:
    """``model(**fields)``; ``options`` maps a field's wire name (``"mobile"``, or a dotted
    location such as ``"handler.mobile"``) to the option the user typed it in."""
    from pydantic import ValidationError

    try:
        return model(**fields)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = [str(part) for part in error["loc"]]
            dotted, field = ".".join(location), (location[-1] if location else "")
            option = options.get(dotted) or options.get(field) or dotted or "-"
            rule = _RULES.get(field)
            text = t(rule or "rule-text", low=SEAL_SIZE_MM_MIN, high=SEAL_SIZE_MM_MAX)
            if not location:  # a rule across fields (an invoice needs an email or a mobile)
                problems.append(str(error.get("ctx", {}).get("error", error["msg"])))
                continue
            problems.append(t("input-invalid", option=option, rule=text))
        raise click.UsageError("\n".join(problems)) from None
