"""Liveness and readiness: answers only if the database answers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from netca_ra.app import services_of

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> dict[str, str]:
    with services_of(request).sessions.begin() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok"}
