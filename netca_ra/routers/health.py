"""Liveness and readiness: answers only if the database answers."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from netca_ra.deps import SessionsDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(sessions: SessionsDep) -> dict[str, str]:
    with sessions.begin() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok"}
