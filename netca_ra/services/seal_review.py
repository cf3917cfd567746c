"""Seal orders, the staff's side: the review queue, the scans with a proposed seal picture
extracted from them (netca_seal.extract), approval (the seal maker makes the seal for the
key's signing certificate) and rejection with a reason the holder sees."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import MaterialOut, OrderState
from netca_protocol.errors import ErrorCode
from netca_protocol.seals import SealOrderKind, SealOrderOut, SealOrderState
from netca_ra.errors import ApiError
from netca_ra.models import SealMaterial, SealOrder, utcnow
from netca_ra.services import transitions
from netca_ra.services.keys import audit
from netca_ra.services.scan_images import scan_image
from netca_ra.services.seal_maker import SealMaker, make_holder_seal
from netca_ra.services.seal_records import (
    current_revision,
    load_seal_order,
    material_out,
    seal_order_out,
    set_state,
    state_conflict,
)
from netca_ra.settings import RaSettings
from netca_seal import SealType
from netca_seal.extract import Extraction, ExtractParams, NoSealFound, extract_seal

S = SealOrderState
SEAL_TYPES = {
    SealOrderKind.OFFICIAL: SealType.ORGANISATION,
    SealOrderKind.CONTRACT: SealType.CONTRACT,
    SealOrderKind.FINANCE: SealType.FINANCE,
    SealOrderKind.LEGAL_REPRESENTATIVE: SealType.LEGAL_REPRESENTATIVE,
    SealOrderKind.SIGNATURE: SealType.PERSONAL,
}


@dataclass(frozen=True)
class SealReviewItem:
    application: SealOrderOut
    organisation_name: str
    certificate_subject: str
    #: the scans of the current revision that are images (or PDFs holding one)
    materials: list[MaterialOut]


@dataclass(frozen=True)
class SealQueuePage:
    items: list[SealOrderOut]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class ScanFile:
    filename: str
    media_type: str
    content: bytes


class SealReviewService:
    def __init__(
        self, sessions: sessionmaker[Session], settings: RaSettings, *, maker: SealMaker
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._maker = maker

    def queue(self, *, page: int = 1) -> SealQueuePage:
        size = self._settings.queue_page_size
        waiting = SealOrder.state == S.UNDER_REVIEW
        with self._sessions.begin() as session:
            total = session.scalar(select(func.count()).select_from(SealOrder).where(waiting)) or 0
            pages = max(1, -(-total // size))
            page = min(max(1, page), pages)
            rows = session.scalars(
                select(SealOrder).where(waiting).order_by(SealOrder.updated_at, SealOrder.id)
                .offset((page - 1) * size).limit(size)
            )  # fmt: skip
            items = [seal_order_out(row) for row in rows]
        return SealQueuePage(items=items, total=total, page=page, pages=pages)

    def item(self, order_no: str) -> SealReviewItem:
        with self._sessions.begin() as session:
            row = load_seal_order(session, order_no, lock=False)
            subject = x509.load_pem_x509_certificate(row.certificate.pem.encode()).subject
            return SealReviewItem(
                application=seal_order_out(row),
                organisation_name=row.order.organisation_name,
                certificate_subject=subject.rfc4514_string(),
                materials=[material_out(m) for m in row.materials if m.revision == row.revision],
            )

    def scan(self, order_no: str, material_id: int) -> ScanFile:
        with self._sessions.begin() as session:
            row = load_seal_order(session, order_no, lock=False)
            found = session.get(SealMaterial, material_id)
            if found is None or found.seal_order_id != row.id:
                raise ApiError(ErrorCode.NOT_FOUND, 404, "no such scan")
            return ScanFile(found.filename, found.media_type, found.content)

    # --- the proposed picture ------------------------------------------------------------

    def propose(self, order_no: str, params: ExtractParams, material_id: int | None) -> Extraction:
        """The seal picture extracted from a scan of the current revision (the first one that
        holds a seal unless ``material_id`` names one); ApiError 422 when none does."""
        with self._sessions.begin() as session:
            row = load_seal_order(session, order_no, lock=False)
            size_mm = current_revision(row).size_mm
            scans = [
                (m.id, m.media_type, m.content)
                for m in row.materials
                if m.revision == row.revision and material_id in (None, m.id)
            ]
        last = "no scan of the stamped form"
        for _id, media_type, content in scans:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                    image = scan_image(content, media_type)
                    return extract_seal(image, size_mm=size_mm, params=params)
            except (NoSealFound, OSError, ValueError, Image.DecompressionBombWarning) as exc:
                last = str(exc)
        raise ApiError(ErrorCode.VALIDATION_FAILED, 422, f"no seal picture: {last}")

    # --- decisions -----------------------------------------------------------------------

    def approve(
        self, order_no: str, *, actor: str, params: ExtractParams, material_id: int | None
    ) -> SealOrderOut:
        """Make the seal from the extracted picture and put it up for installing."""
        proposal = self.propose(order_no, params, material_id)
        with self._sessions.begin() as session:
            row = load_seal_order(session, order_no)
            if row.state is not S.UNDER_REVIEW:
                raise state_conflict(row, "only an application under review is approved")
            der = self._make(row, proposal, now=utcnow())
            row.seal_der = der
            row.seal_sha256 = hashlib.sha256(der).hexdigest()
            row.reviewed_by = actor
            set_state(row, S.APPROVED)
            order = row.order
            move = transitions.move
            move(order, OrderState.APPROVED, actor=actor, reason="印章审核通过")
            move(order, OrderState.AWAITING_PAYMENT, actor=transitions.SYSTEM, reason="待缴费")
            if order.amount_fen == 0:
                move(order, OrderState.PAID, actor=transitions.SYSTEM, reason="本业务免费")
                move(
                    order, OrderState.ISSUED, actor=transitions.SYSTEM, reason="印章已制作，待安装"
                )
            audit(session, serial=row.key_serial, actor=actor, action="seal_made",
                  detail=f"{order_no} {row.seal_id}")  # fmt: skip
            return seal_order_out(row)

    def _make(self, row: SealOrder, proposal: Extraction, *, now: datetime) -> bytes:
        revision = current_revision(row)
        holder = x509.load_pem_x509_certificate(row.certificate.pem.encode())
        valid_to = min(holder.not_valid_after_utc, self._maker.cert.not_valid_after_utc)
        row.seal_id = f"{row.order.order_no}{row.revision:02d}"
        row.seal_valid_from, row.seal_valid_to = now.replace(microsecond=0), valid_to
        return make_holder_seal(
            self._maker, image_png=proposal.png, name=revision.seal_name,
            seal_type=SEAL_TYPES[revision.seal_kind], holder_certs=[holder],
            valid_from=row.seal_valid_from, valid_to=valid_to, seal_id=row.seal_id, now=now,
            size_mm=proposal.size_mm,
        )  # fmt: skip

    def reject(self, order_no: str, *, actor: str, reason: str) -> SealOrderOut:
        if not reason.strip():
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "a rejection needs a reason")
        with self._sessions.begin() as session:
            row = load_seal_order(session, order_no)
            if row.state is not S.UNDER_REVIEW:
                raise state_conflict(row, "only an application under review is rejected")
            row.review_reason, row.reviewed_by = reason.strip(), actor
            set_state(row, S.REJECTED)
            transitions.move(row.order, OrderState.REJECTED, actor=actor, reason=reason.strip())
            return seal_order_out(row)


def picture_preview(extraction: Extraction) -> bytes:
    """The proposed picture on a checkerboard, so staff see what is transparent."""
    picture = Image.open(io.BytesIO(extraction.png)).convert("RGBA")
    cell = max(8, picture.size[0] // 24)
    cells = (-(-picture.size[0] // cell), -(-picture.size[1] // cell))
    tiles = Image.new("L", cells, 255)
    tiles.putdata([225 if (x + y) % 2 else 255 for y in range(cells[1]) for x in range(cells[0])])
    board = tiles.resize((cells[0] * cell, cells[1] * cell), Image.Resampling.NEAREST)
    board = board.crop((0, 0, *picture.size)).convert("RGBA")
    board.alpha_composite(picture)
    out = io.BytesIO()
    board.convert("RGB").save(out, format="PNG")
    return out.getvalue()
