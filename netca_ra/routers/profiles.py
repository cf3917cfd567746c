"""Service profiles (项目) with their fee schedules."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from netca_protocol import ProfileOut
from netca_protocol.models import SERVICE_ID_PATTERN
from netca_ra.app import services_of
from netca_ra.routers.common import problems

router = APIRouter(tags=["profiles"])


@router.get("/profiles", response_model=list[ProfileOut])
def list_profiles(request: Request) -> list[ProfileOut]:
    return services_of(request).profiles.list_profiles()


@router.get("/profiles/{service_id}", response_model=ProfileOut, responses=problems(404))
def get_profile(
    request: Request, service_id: Annotated[str, Path(pattern=SERVICE_ID_PATTERN)]
) -> ProfileOut:
    return services_of(request).profiles.get_profile(service_id)
