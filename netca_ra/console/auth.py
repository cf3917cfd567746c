"""Console authentication: session cookie → StaffPrincipal, CSRF checks, login CSRF cookie."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Form, Request
from starlette.exceptions import HTTPException

from netca_protocol.errors import ErrorCode
from netca_ra.deps import StaffServiceDep
from netca_ra.errors import ApiError
from netca_ra.services.staff import StaffPrincipal
from netca_ra.settings import RaSettings

SESSION_COOKIE = "ra_session"
LOGIN_CSRF_COOKIE = "ra_login_csrf"


def current_staff(request: Request, accounts: StaffServiceDep) -> StaffPrincipal:
    principal = accounts.principal(request.cookies.get(SESSION_COOKIE))
    if principal is None:
        raise HTTPException(303, "请先登录", headers={"Location": "/console/login"})
    return principal


Staff = Annotated[StaffPrincipal, Depends(current_staff)]


def checked_staff(staff: Staff, csrf: Annotated[str, Form(max_length=100)] = "") -> StaffPrincipal:
    """The logged-in staff member, for a form POST whose CSRF token matches the session's."""
    if not csrf or not hmac.compare_digest(csrf, staff.csrf_token):
        raise ApiError(ErrorCode.FORBIDDEN, 403, "页面已过期（CSRF 校验失败），请刷新后重试")
    return staff


CheckedStaff = Annotated[StaffPrincipal, Depends(checked_staff)]


def cookie_secure(settings: RaSettings) -> bool:
    return settings.public_base_url.startswith("https://")
