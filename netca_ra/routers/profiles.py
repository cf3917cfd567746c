"""Service profiles (项目) with their fee schedules."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from netca_protocol import ProfileOut
from netca_protocol.models import SERVICE_ID_PATTERN
from netca_ra.deps import ProfileServiceDep
from netca_ra.routers.common import problems

router = APIRouter(tags=["profiles"])


@router.get("/profiles", response_model=list[ProfileOut])
def list_profiles(profiles: ProfileServiceDep) -> list[ProfileOut]:
    return profiles.list_profiles()


@router.get("/profiles/{service_id}", response_model=ProfileOut, responses=problems(404))
def get_profile(
    service_id: Annotated[str, Path(pattern=SERVICE_ID_PATTERN)], profiles: ProfileServiceDep
) -> ProfileOut:
    return profiles.get_profile(service_id)
