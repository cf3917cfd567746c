"""Unlock materials: content-checked uploads (jpg/png/pdf ≤ 5 MB), submission, staff review."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from netca_protocol import MAX_MATERIAL_BYTES, KeyRequestOut, KeyRequestState, MaterialOut
from netca_protocol.errors import ErrorCode
from netca_protocol.limits import MATERIAL_MAGIC as _MAGIC
from netca_protocol.limits import MATERIAL_SUFFIXES as MEDIA_TYPES
from netca_protocol.limits import MAX_MATERIALS_PER_REQUEST as MAX_MATERIALS
from netca_protocol.models import UNSAFE_CATEGORIES
from netca_ra.errors import ApiError
from netca_ra.models import KeyMaterial, KeyRequest, utcnow
from netca_ra.services import ratelimit
from netca_ra.services.key_request_life import (
    expire_if_due,
    load_request,
    request_out,
    set_state,
    state_conflict,
)
from netca_ra.services.key_requests import KeyRequestService
from netca_ra.services.keys import audit

R = KeyRequestState
MAX_IMAGE_PIXELS = 60_000_000
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\\\"<>:|?*]")


def _invalid(detail: str) -> ApiError:
    return ApiError(ErrorCode.MATERIAL_INVALID, 422, detail)


def clean_filename(filename: str) -> str:
    """A file name safe to show and to offer for download: no path, no control or invisible
    characters (bidi overrides such as U+202E could make ``gpj.exe`` read as ``exe.jpg``)."""
    base = re.split(r"[/\\]", filename)[-1]
    base = "".join("_" if unicodedata.category(c) in UNSAFE_CATEGORIES else c for c in base)
    base = _UNSAFE.sub("_", base).strip(" .") or "material"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        return base[:100]
    return f"{stem[: 100 - len(suffix) - 1]}.{suffix}"


def check_material(filename: str, data: bytes) -> str:
    """The media type of an acceptable upload, judged by its content, not just its name."""
    suffix = "." + filename.rpartition(".")[2].lower() if "." in filename else ""
    media_type = MEDIA_TYPES.get(suffix)
    if media_type is None:
        raise _invalid("only .jpg, .jpeg, .png and .pdf files are accepted")
    if len(data) > MAX_MATERIAL_BYTES:
        raise ApiError(ErrorCode.MATERIAL_TOO_LARGE, 413, "at most 5 MB per file")
    if not data.startswith(_MAGIC[media_type]):
        raise _invalid(f"the content is not {media_type}")
    if media_type == "application/pdf":
        if b"%%EOF" not in data[-1024:]:
            raise _invalid("the PDF is truncated (no %%EOF at its end)")
        return media_type
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != _PILLOW_FORMATS[media_type]:
                    raise _invalid(f"the content is {image.format}, not {media_type}")
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _invalid("the image is too large")
                image.verify()
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        struct.error,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise _invalid(f"the image does not decode: {exc}") from exc
    return media_type


def material_out(row: KeyMaterial) -> MaterialOut:
    return MaterialOut(
        material_id=row.id,
        filename=row.filename,
        media_type=row.media_type,
        size=row.size,
        sha256=row.sha256,
    )


@dataclass(frozen=True)
class ReviewItem:
    """A request in the staff review queue: the handler claimed against the one on record."""

    request: KeyRequestOut
    order_no: str
    created_at: datetime
    claimed_name: str
    claimed_id_number: str
    claimed_mobile: str
    record_name: str
    record_id_number: str
    record_mobile: str
    materials: list[MaterialOut]


@dataclass(frozen=True)
class ReviewPage:
    items: list[ReviewItem]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class MaterialFile:
    filename: str
    media_type: str
    content: bytes


class KeyMaterialService:
    def __init__(self, sessions: sessionmaker[Session], *, requests: KeyRequestService) -> None:
        self._sessions = sessions
        self._requests = requests

    # --- the holder ------------------------------------------------------------------

    def may_upload(self, request_id: str, *, token: str | None) -> None:
        """Refuse an upload before its body is read: wrong token, or no materials wanted."""

        def work(session: Session) -> None:
            request = self._requests.holder(session, request_id, token)
            expire_if_due(session, request, utcnow())
            if request.state is not R.MATERIALS_REQUIRED:
                raise state_conflict(request, "materials are uploaded only when required")

        self._requests.run(work)

    def upload(
        self, request_id: str, *, token: str | None, filename: str, data: bytes, client: str
    ) -> MaterialOut:
        name = clean_filename(filename)
        settings = self._requests.settings

        def work(session: Session) -> MaterialOut:
            request = self._requests.holder(session, request_id, token)
            expire_if_due(session, request, utcnow())
            if request.state is not R.MATERIALS_REQUIRED:
                raise state_conflict(request, "materials are uploaded only when required")
            media_type = check_material(name, data)
            digest = hashlib.sha256(data).hexdigest()
            for existing in request.materials:
                if existing.sha256 == digest:
                    return material_out(existing)  # the same file again (a retry)
            if len(request.materials) >= MAX_MATERIALS:
                raise _invalid(f"at most {MAX_MATERIALS} files per request")
            if sum(m.size for m in request.materials) + len(data) > (
                settings.material_bytes_per_request
            ):
                raise ApiError(
                    ErrorCode.MATERIAL_TOO_LARGE,
                    413,
                    f"at most {settings.material_bytes_per_request} bytes of materials a request",
                )
            ratelimit.consume(
                session, scope="upload-client", key=client, amount=len(data),
                what="bytes uploaded from this client",
                limit=settings.material_bytes_per_client_per_hour, window_seconds=ratelimit.HOUR,
            )  # fmt: skip
            ratelimit.consume(
                session, scope="upload-all", key=ratelimit.EVERYONE, amount=len(data),
                what="bytes uploaded", limit=settings.material_bytes_per_hour,
                window_seconds=ratelimit.HOUR,
            )  # fmt: skip
            row = KeyMaterial(
                filename=name,
                media_type=media_type,
                size=len(data),
                sha256=digest,
                content=data,
                created_at=utcnow(),
            )
            request.materials.append(row)
            session.flush()
            audit(
                session,
                serial=request.key_serial,
                request_id=request_id,
                actor="holder",
                action="material_uploaded",
                detail=f"{name}（{len(data)} 字节，SHA-256 {digest}）",
            )
            return material_out(row)

        return self._requests.run(work)

    def submit(self, request_id: str, *, token: str | None) -> KeyRequestOut:
        def work(session: Session) -> KeyRequestOut:
            request = self._requests.holder(session, request_id, token)
            if request.state is R.UNDER_REVIEW:
                return request_out(request)
            expire_if_due(session, request, utcnow())
            if request.state is not R.MATERIALS_REQUIRED:
                raise state_conflict(request, "only a request that needs materials is submitted")
            if not request.materials:
                raise ApiError(
                    ErrorCode.REQUEST_STATE_CONFLICT, 409, "upload at least one material first"
                )
            set_state(session, request, R.UNDER_REVIEW, actor="holder", detail="已提交材料")
            return request_out(request)

        return self._requests.run(work)

    # --- staff -----------------------------------------------------------------------

    def queue(self, *, page: int = 1) -> ReviewPage:
        """Requests under review, oldest first, one console page; ``total`` counts them all."""
        size = self._requests.settings.queue_page_size
        waiting = KeyRequest.state == R.UNDER_REVIEW
        with self._sessions.begin() as session:
            total = session.scalar(select(func.count()).select_from(KeyRequest).where(waiting))
            pages = max(1, -(-(total or 0) // size))
            page = min(max(1, page), pages)
            rows = session.scalars(
                select(KeyRequest)
                .where(waiting)
                .order_by(KeyRequest.updated_at, KeyRequest.request_id)
                .offset((page - 1) * size)
                .limit(size)
            )
            items = [_review_item(r) for r in rows]
        return ReviewPage(items=items, total=total or 0, page=page, pages=pages)

    def item(self, request_id: str) -> ReviewItem:
        with self._sessions.begin() as session:
            return _review_item(load_request(session, request_id))

    def material(self, request_id: str, material_id: int) -> MaterialFile:
        with self._sessions.begin() as session:
            row = session.get(KeyMaterial, material_id)
            if row is None or row.request_id != request_id:
                raise ApiError(ErrorCode.NOT_FOUND, 404, "no such material")
            return MaterialFile(
                filename=row.filename, media_type=row.media_type, content=row.content
            )

    def approve(self, request_id: str, *, actor: str) -> KeyRequestOut:
        """The materials show the new handler: a code goes to the phone given in the request."""

        def work(session: Session) -> KeyRequestOut:
            request = load_request(session, request_id)
            now = utcnow()
            expire_if_due(session, request, now)
            if request.state is not R.UNDER_REVIEW:
                raise state_conflict(request, "only a request under review is approved")
            request.reviewed_by = actor
            request.handler_approved_by = actor
            set_state(session, request, R.OTP_SENT, actor=actor, detail="材料审核通过，发送验证码")
            self._requests.send_code(session, request, now, client=None)
            return request_out(request)

        return self._requests.run(work)

    def reject(self, request_id: str, *, actor: str, reason: str) -> KeyRequestOut:
        if not reason.strip():
            raise ApiError(ErrorCode.VALIDATION_FAILED, 422, "a rejection needs a reason")

        def work(session: Session) -> KeyRequestOut:
            request = load_request(session, request_id)
            if request.state is not R.UNDER_REVIEW:
                raise state_conflict(request, "only a request under review is rejected")
            request.reviewed_by = actor
            request.review_reason = reason.strip()
            set_state(session, request, R.REJECTED, actor=actor, detail=reason.strip())
            return request_out(request)

        return self._requests.run(work)


def _review_item(request: KeyRequest) -> ReviewItem:
    record = request.key
    return ReviewItem(
        request=request_out(request),
        order_no=record.order.order_no,
        created_at=request.created_at,
        claimed_name=request.handler_name or "",
        claimed_id_number=request.handler_id_number or "",
        claimed_mobile=request.handler_mobile or "",
        record_name=record.handler_name,
        record_id_number=record.handler_id_number,
        record_mobile=record.handler_mobile,
        materials=[material_out(m) for m in request.materials],
    )
