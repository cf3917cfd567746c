"""Service profiles (项目): the seeded examples from the public NETCA guides, lookups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import BusinessType, CertificateKind, FeeSchedule, KeyAlgorithm, ProfileOut
from netca_protocol.errors import ErrorCode
from netca_ra.errors import ApiError
from netca_ra.models import ServiceProfile

_ALL_YEARS = [1, 2, 3, 4, 5]
_KEY_TYPES = [
    BusinessType.NEW,
    BusinessType.RENEWAL,
    BusinessType.CHANGE,
    BusinessType.REPLACEMENT,
    BusinessType.UNLOCK,
    BusinessType.SEAL_APPLY,
    BusinessType.SEAL_CHANGE,
]

# Example schedules from the seeds (DOMAIN.md): organisation 200/year + 100 medium,
# employee 100/year + 100 medium, change 20, unlock 20; a project at 200/year with no
# medium fee and free change/unlock; mobile certificates 240 the first year, 200 after.
DEFAULT_PROFILES: tuple[ProfileOut, ...] = (
    ProfileOut(
        service_id="GD-ORG",
        name="单位证书（标准项目）",
        certificate_kind=CertificateKind.ORGANISATION,
        medium="usb_key",
        fees=FeeSchedule(per_year_fen=20000, medium_fen=10000, change_fen=2000, unlock_fen=2000),
        business_types=_KEY_TYPES,
        validity_years=_ALL_YEARS,
    ),
    ProfileOut(
        service_id="GD-EMP",
        name="单位员工证书（标准项目）",
        certificate_kind=CertificateKind.EMPLOYEE,
        medium="usb_key",
        fees=FeeSchedule(per_year_fen=10000, medium_fen=10000, change_fen=2000, unlock_fen=2000),
        business_types=_KEY_TYPES,
        validity_years=_ALL_YEARS,
    ),
    ProfileOut(
        service_id="GD-PROC",
        name="政府采购项目单位证书",
        certificate_kind=CertificateKind.ORGANISATION,
        medium="usb_key",
        fees=FeeSchedule(per_year_fen=20000),
        business_types=_KEY_TYPES,
        validity_years=_ALL_YEARS,
    ),
    ProfileOut(
        service_id="GD-MOBILE",
        name="移动证书（移动KEY）",
        certificate_kind=CertificateKind.ORGANISATION,
        medium="mobile",
        fees=FeeSchedule(per_year_fen=20000, first_year_fen=24000),
        business_types=[BusinessType.NEW, BusinessType.RENEWAL],
        validity_years=_ALL_YEARS,
    ),
    ProfileOut(
        service_id="GD-SM2",
        name="国密单位证书（SM2）",
        certificate_kind=CertificateKind.ORGANISATION,
        medium="usb_key",
        fees=FeeSchedule(per_year_fen=20000, medium_fen=10000, change_fen=2000, unlock_fen=2000),
        business_types=_KEY_TYPES,
        validity_years=_ALL_YEARS,
        key_algorithm=KeyAlgorithm.SM2,
    ),
)


def profile_out(row: ServiceProfile) -> ProfileOut:
    return ProfileOut(
        service_id=row.service_id,
        name=row.name,
        certificate_kind=row.certificate_kind,
        medium=row.medium,
        fees=FeeSchedule(
            per_year_fen=row.per_year_fen,
            first_year_fen=row.first_year_fen,
            medium_fen=row.medium_fen,
            change_fen=row.change_fen,
            unlock_fen=row.unlock_fen,
        ),
        business_types=[BusinessType(t) for t in row.business_types.split(",") if t],
        validity_years=[int(y) for y in row.validity_years.split(",") if y],
        key_algorithm=row.key_algorithm,
    )


def _apply(row: ServiceProfile, profile: ProfileOut) -> None:
    row.name = profile.name
    row.certificate_kind = profile.certificate_kind
    row.medium = profile.medium
    row.per_year_fen = profile.fees.per_year_fen
    row.first_year_fen = profile.fees.first_year_fen
    row.medium_fen = profile.fees.medium_fen
    row.change_fen = profile.fees.change_fen
    row.unlock_fen = profile.fees.unlock_fen
    row.business_types = ",".join(t.value for t in profile.business_types)
    row.validity_years = ",".join(str(y) for y in profile.validity_years)
    row.key_algorithm = profile.key_algorithm
    row.active = True


def load_profile(session: Session, service_id: str) -> ServiceProfile:
    row = session.get(ServiceProfile, service_id)
    if row is None or not row.active:
        raise ApiError(ErrorCode.PROFILE_NOT_FOUND, 404, f"no service profile {service_id!r}")
    return row


class ProfileService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def seed_defaults(self) -> int:
        """Insert the missing example profiles; existing ones stay as staff set them."""
        added = 0
        with self._sessions.begin() as session:
            for profile in DEFAULT_PROFILES:
                if session.get(ServiceProfile, profile.service_id) is None:
                    row = ServiceProfile(service_id=profile.service_id)
                    _apply(row, profile)
                    session.add(row)
                    added += 1
        return added

    def list_profiles(self) -> list[ProfileOut]:
        with self._sessions.begin() as session:
            rows = session.scalars(
                select(ServiceProfile)
                .where(ServiceProfile.active.is_(True))
                .order_by(ServiceProfile.service_id)
            )
            return [profile_out(row) for row in rows]

    def get_profile(self, service_id: str) -> ProfileOut:
        with self._sessions.begin() as session:
            return profile_out(load_profile(session, service_id))
