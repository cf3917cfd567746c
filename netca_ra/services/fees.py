"""Fees from a service profile, in fen (integers only)."""

from __future__ import annotations

from netca_protocol import BusinessType, FeeSchedule


def fee_fen(fees: FeeSchedule, *, business_type: BusinessType, validity_years: int) -> int:
    if business_type is BusinessType.NEW:
        first = fees.per_year_fen if fees.first_year_fen is None else fees.first_year_fen
        return first + fees.per_year_fen * (validity_years - 1) + fees.medium_fen
    if business_type is BusinessType.RENEWAL:
        return fees.per_year_fen * validity_years
    if business_type is BusinessType.CHANGE:
        return fees.change_fen
    if business_type is BusinessType.UNLOCK:
        return fees.unlock_fen
    if business_type is BusinessType.REPLACEMENT:
        return fees.medium_fen
    return 0
