"""Seal orders, the holder's side: apply (with proof of possession), the application form,
scans, submit, 修改资料, cancel, fetch the made seal, report it installed.

The order (业务) moves with the application: created ``submitted``; submitted for review →
``under_review``; staff approval (seal_review.py) → ``approved`` → ``awaiting_payment`` →
``paid`` (seal business is free) → ``issued`` (the seal is made); the client's report →
``installed`` → ``completed``. A rejection or cancellation ends both.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import MaterialOut, OrderState
from netca_protocol.errors import ErrorCode
from netca_protocol.limits import MAX_MATERIALS_PER_REQUEST
from netca_protocol.seals import (
    OFFERED_SEAL_KINDS,
    SEAL_BUSINESS_TYPES,
    SealDetailsIn,
    SealInstalledIn,
    SealIssued,
    SealOrderCreate,
    SealOrderCreated,
    SealOrderOut,
    SealOrderState,
)
from netca_ra.errors import ApiError
from netca_ra.models import (
    IssuedCertificate,
    KeyRecord,
    Order,
    SealMaterial,
    SealOrder,
    SealRevision,
    utcnow,
)
from netca_ra.services import idempotency, ratelimit, transitions
from netca_ra.services.fees import fee_fen
from netca_ra.services.key_materials import check_material, clean_filename
from netca_ra.services.keys import audit
from netca_ra.services.numbering import next_order_no
from netca_ra.services.orders import applicant_caller, authorise_applicant, order_out, token_hash
from netca_ra.services.possession import check_possession, consume_nonce
from netca_ra.services.profiles import load_profile, profile_out
from netca_ra.services.seal_form import FormData, application_form
from netca_ra.services.seal_records import (
    OPEN_STATES,
    current_revision,
    details_of,
    load_seal_order,
    material_out,
    note,
    seal_order_out,
    set_state,
    state_conflict,
)
from netca_ra.settings import RaSettings

S = SealOrderState
POSSESSION_PURPOSE = "seal-order"


def _revision(number: int, details: SealDetailsIn) -> SealRevision:
    return SealRevision(
        revision=number,
        seal_kind=details.seal_kind,
        seal_name=details.seal_name,
        size_mm=details.size_mm,
        handler_name=details.handler.name,
        handler_id_number=details.handler.id_number,
        handler_mobile=details.handler.mobile,
        created_at=utcnow(),
    )


def _holder(order: Order) -> str:
    return f"applicant:{order.handler_name}"


class SealOrderService:
    def __init__(self, sessions: sessionmaker[Session], settings: RaSettings) -> None:
        self._sessions = sessions
        self._settings = settings

    # --- apply --------------------------------------------------------------------------

    def create(
        self, serial: str, payload: SealOrderCreate, *, call: idempotency.IdempotentCall,
        client: str,
    ) -> SealOrderCreated:  # fmt: skip
        """A new seal order for the key ``serial``, signed by its signing certificate."""

        def caller(session: Session) -> str:
            self._possessed(session, serial, payload)
            return idempotency.caller_id("key", f"{serial}:{payload.proof.certificate_serial}")

        def action(session: Session, sealer: idempotency.Sealer) -> SealOrderCreated:
            now = utcnow()
            consume_nonce(session, payload.proof.nonce, now=now)
            record, issued = self._possessed(session, serial, payload)
            ratelimit.consume(
                session, scope="orders-client", key=client, what="new orders from this client",
                limit=self._settings.orders_per_client_per_hour, window_seconds=ratelimit.HOUR,
            )  # fmt: skip
            return self._create(session, record, issued, payload, token=sealer.new_secret())

        once = idempotency.Once(scope=f"POST /keys/{serial}/seal-orders", call=call, caller=caller)
        return idempotency.run_once(
            self._sessions, once, action, answer=SealOrderCreated,
            seal_key=self._settings.effective_secret,
        )  # fmt: skip

    @staticmethod
    def _possessed(
        session: Session, serial: str, payload: SealOrderCreate
    ) -> tuple[KeyRecord, IssuedCertificate]:
        return check_possession(
            session, key_serial=serial, proof=payload.proof, purpose=POSSESSION_PURPOSE,
            body=payload.application, now=utcnow(),
        )  # fmt: skip

    def _create(
        self,
        session: Session,
        record: KeyRecord,
        issued: IssuedCertificate,
        payload: SealOrderCreate,
        *,
        token: str,
    ) -> SealOrderCreated:
        application = payload.application
        details = application.details
        if application.business_type not in SEAL_BUSINESS_TYPES:
            raise ApiError(
                ErrorCode.BUSINESS_TYPE_NOT_ALLOWED,
                422,
                "a seal order is seal_apply or seal_change",
            )
        if details.seal_kind not in OFFERED_SEAL_KINDS:
            raise ApiError(
                ErrorCode.SEAL_KIND_NOT_OFFERED, 422,
                f"{details.seal_kind.value} seals are not offered yet",
            )  # fmt: skip
        open_one = session.scalar(
            select(SealOrder).where(
                SealOrder.key_serial == record.serial, SealOrder.state.in_(OPEN_STATES)
            )
        )
        if open_one is not None:
            raise ApiError(
                ErrorCode.SEAL_ORDER_OPEN, 409,
                f"key {record.serial} has an open seal order {open_one.order.order_no}",
                order_no=open_one.order.order_no,
            )  # fmt: skip
        base = record.order
        profile = profile_out(load_profile(session, base.service_id))
        if application.business_type not in profile.business_types:
            raise ApiError(
                ErrorCode.BUSINESS_TYPE_NOT_ALLOWED, 422,
                f"{profile.service_id} does not offer {application.business_type.value}",
            )  # fmt: skip
        now = utcnow()
        order = Order(
            order_no=next_order_no(session, prefix=self._settings.order_prefix, now=now),
            service_id=base.service_id,
            business_type=application.business_type,
            certificate_kind=base.certificate_kind,
            validity_years=base.validity_years,
            state=OrderState.SUBMITTED,
            amount_fen=fee_fen(
                profile.fees, business_type=application.business_type,
                validity_years=base.validity_years,
            ),
            paid_fen=0,
            organisation_name=base.organisation_name,
            unified_social_credit_code=base.unified_social_credit_code,
            organisation_unit=base.organisation_unit,
            person_name=base.person_name,
            handler_name=details.handler.name,
            handler_id_number=details.handler.id_number,
            handler_mobile=details.handler.mobile,
            access_token_hash=token_hash(token),
            certificate_serial=issued.serial_hex,
            created_at=now,
            updated_at=now,
        )  # fmt: skip
        transitions.record_creation(order, actor=_holder(order))
        row = SealOrder(
            order=order, key_serial=record.serial, certificate_serial=issued.serial_hex,
            state=S.MATERIALS_REQUIRED, revision=1, replaces_seal_id=application.replaces_seal_id,
            review_reason="", created_at=now, updated_at=now,
        )  # fmt: skip
        row.revisions.append(_revision(1, details))
        session.add(row)
        session.flush()
        audit(session, serial=record.serial, actor="holder", action="seal_order_created",
              detail=f"{order.order_no} {details.seal_name}")  # fmt: skip
        return SealOrderCreated(
            application=seal_order_out(row), order=order_out(order), access_token=token
        )

    # --- reading ------------------------------------------------------------------------

    def _run(self, order_no: str, token: str | None, work: Callable[[SealOrder], object]) -> object:
        with self._sessions.begin() as session:
            authorise_applicant(session, order_no, token)
            return work(load_seal_order(session, order_no))

    def get(self, order_no: str, *, token: str | None) -> SealOrderOut:
        out = self._run(order_no, token, seal_order_out)
        assert isinstance(out, SealOrderOut)
        return out

    def form(self, order_no: str, *, token: str | None) -> bytes:
        """The 电子印章申请表 of the current details, as PDF."""

        def work(row: SealOrder) -> FormData:
            order = row.order
            return FormData(
                order_no=order.order_no, business_type=order.business_type,
                organisation_name=order.organisation_name,
                unified_social_credit_code=order.unified_social_credit_code,
                details=details_of(current_revision(row)), created_at=order.created_at,
            )  # fmt: skip

        data = self._run(order_no, token, work)
        assert isinstance(data, FormData)
        return application_form(data, font=self._settings.form_font)

    # --- scans and submission --------------------------------------------------------------

    def may_upload(self, order_no: str, *, token: str | None) -> None:
        """Refuse an upload before its body is read: wrong token, or no scans wanted now."""

        def work(row: SealOrder) -> None:
            if row.state is not S.MATERIALS_REQUIRED:
                raise state_conflict(row, "scans are uploaded before submitting")

        self._run(order_no, token, work)

    def upload(
        self, order_no: str, *, token: str | None, filename: str, data: bytes, client: str
    ) -> MaterialOut:
        name, settings = clean_filename(filename), self._settings

        def work(row: SealOrder) -> MaterialOut:
            if row.state is not S.MATERIALS_REQUIRED:
                raise state_conflict(row, "scans are uploaded before submitting")
            media_type = check_material(name, data)
            digest = hashlib.sha256(data).hexdigest()
            mine = [m for m in row.materials if m.revision == row.revision]
            for existing in mine:
                if existing.sha256 == digest:
                    return material_out(existing)  # the same file again (a retry)
            if len(mine) >= MAX_MATERIALS_PER_REQUEST:
                raise ApiError(
                    ErrorCode.MATERIAL_INVALID, 422,
                    f"at most {MAX_MATERIALS_PER_REQUEST} files per application",
                )  # fmt: skip
            if sum(m.size for m in mine) + len(data) > settings.material_bytes_per_request:
                raise ApiError(ErrorCode.MATERIAL_TOO_LARGE, 413, "too many bytes of scans")
            session = Session.object_session(row)
            assert session is not None
            ratelimit.consume(
                session, scope="upload-client", key=client, amount=len(data),
                what="bytes uploaded from this client",
                limit=settings.material_bytes_per_client_per_hour, window_seconds=ratelimit.HOUR,
            )  # fmt: skip
            material = SealMaterial(
                revision=row.revision, filename=name, media_type=media_type, size=len(data),
                sha256=digest, content=data, created_at=utcnow(),
            )  # fmt: skip
            row.materials.append(material)
            session.flush()
            return material_out(material)

        out = self._run(order_no, token, work)
        assert isinstance(out, MaterialOut)
        return out

    def submit(self, order_no: str, *, token: str | None) -> SealOrderOut:
        """审核中: the scans of this revision go to staff. Submitting again changes nothing."""

        def work(row: SealOrder) -> SealOrderOut:
            if row.state is S.UNDER_REVIEW:
                return seal_order_out(row)
            if row.state is not S.MATERIALS_REQUIRED:
                raise state_conflict(row, "only an application waiting for scans is submitted")
            if not any(m.revision == row.revision for m in row.materials):
                raise state_conflict(row, "upload the stamped, scanned form first")
            set_state(row, S.UNDER_REVIEW)
            order = row.order
            if order.state is OrderState.SUBMITTED:
                transitions.move(order, OrderState.UNDER_REVIEW, actor=_holder(order),
                                 reason="已提交印章申请材料，审核中")  # fmt: skip
            else:
                note(order, actor=_holder(order), reason=f"重新提交（第 {row.revision} 版）")
            return seal_order_out(row)

        out = self._run(order_no, token, work)
        assert isinstance(out, SealOrderOut)
        return out

    # --- 修改资料 and cancel -------------------------------------------------------------

    def edit(
        self, order_no: str, details: SealDetailsIn, *, token: str | None,
        call: idempotency.IdempotentCall,
    ) -> SealOrderOut:  # fmt: skip
        """New details (a new revision, the old one kept): upload the new scans, submit."""
        if details.seal_kind not in OFFERED_SEAL_KINDS:
            raise ApiError(ErrorCode.SEAL_KIND_NOT_OFFERED, 422, "that seal kind is not offered")

        def action(session: Session, _: idempotency.Sealer) -> SealOrderOut:
            row = load_seal_order(session, order_no)
            if row.state not in (S.UNDER_REVIEW, S.MATERIALS_REQUIRED):
                raise state_conflict(row, "only an application under review is edited")
            row.revision += 1
            row.revisions.append(_revision(row.revision, details))
            set_state(row, S.MATERIALS_REQUIRED)
            order = row.order
            order.handler_name = details.handler.name
            order.handler_id_number = details.handler.id_number
            order.handler_mobile = details.handler.mobile
            note(order, actor=_holder(order), reason=f"修改资料（第 {row.revision} 版）")
            return seal_order_out(row)

        return self._once(order_no, token, "edit", call, action)

    def cancel(
        self, order_no: str, *, token: str | None, call: idempotency.IdempotentCall
    ) -> SealOrderOut:
        def action(session: Session, _: idempotency.Sealer) -> SealOrderOut:
            row = load_seal_order(session, order_no)
            if row.state not in (S.UNDER_REVIEW, S.MATERIALS_REQUIRED):
                raise state_conflict(row, "only an application not yet decided is cancelled")
            set_state(row, S.CANCELLED)
            transitions.move(row.order, OrderState.CANCELLED, actor=_holder(row.order))
            return seal_order_out(row)

        return self._once(order_no, token, "cancel", call, action)

    def _once(
        self,
        order_no: str,
        token: str | None,
        what: str,
        call: idempotency.IdempotentCall,
        action: Callable[[Session, idempotency.Sealer], SealOrderOut],
    ) -> SealOrderOut:
        once = idempotency.Once(
            scope=f"POST /seal-orders/{order_no}/{what}", call=call,
            caller=applicant_caller(order_no, token), status_code=200,
        )  # fmt: skip
        return idempotency.run_once(
            self._sessions, once, action, answer=SealOrderOut,
            seal_key=self._settings.effective_secret,
        )  # fmt: skip

    # --- install -----------------------------------------------------------------------

    def seal(self, order_no: str, *, token: str | None) -> SealIssued:
        def work(row: SealOrder) -> SealIssued:
            if row.state not in (S.APPROVED, S.INSTALLED) or row.seal_der is None:
                raise state_conflict(row, "the seal is made once the application is approved")
            assert row.seal_id is not None
            assert row.seal_sha256 is not None
            return SealIssued(
                order_no=order_no, seal_id=row.seal_id, sha256=row.seal_sha256,
                seal_der_base64=base64.b64encode(row.seal_der).decode("ascii"),
            )  # fmt: skip

        out = self._run(order_no, token, work)
        assert isinstance(out, SealIssued)
        return out

    def installed(
        self, order_no: str, body: SealInstalledIn, *, token: str | None,
        call: idempotency.IdempotentCall,
    ) -> SealOrderOut:  # fmt: skip
        """The client wrote the seal, read it back and verified it: the business is done."""

        def action(session: Session, _: idempotency.Sealer) -> SealOrderOut:
            row = load_seal_order(session, order_no)
            if row.state is S.INSTALLED:
                return seal_order_out(row)
            if row.state is not S.APPROVED:
                raise state_conflict(row, "only an approved seal is installed")
            if (body.seal_id, body.sha256) != (row.seal_id, row.seal_sha256):
                raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "that is not this order's seal")
            set_state(row, S.INSTALLED)
            row.installed_at = utcnow()
            order = row.order
            transitions.move(
                order, OrderState.INSTALLED, actor=_holder(order), reason="印章安装成功"
            )
            transitions.move(
                order, OrderState.COMPLETED, actor=transitions.SYSTEM, reason="单印章业务办结"
            )
            audit(session, serial=row.key_serial, actor="holder", action="seal_installed",
                  detail=f"{order_no} {row.seal_id}")  # fmt: skip
            return seal_order_out(row)

        return self._once(order_no, token, "installed", call, action)
