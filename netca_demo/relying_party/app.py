"""The demo site's HTTP side: the login page, the SDK, one-time challenges and the login
check (verify.py). `create_app(verifier)`; served by uvicorn (server.py)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from netca_demo.relying_party.verify import LoginRefused, LoginVerifier

HERE = Path(__file__).resolve().parent
SDK = HERE.parents[1] / "resources" / "web" / "netca.js"
#: what the page may load and talk to: itself and the client's loopback ports
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self' ws://127.0.0.1:* ws://localhost:*; frame-ancestors 'none'"
)


def create_app(verifier: LoginVerifier) -> FastAPI:
    app = FastAPI(title="netca demo relying party", docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/", response_class=HTMLResponse)
    def page() -> HTMLResponse:
        return HTMLResponse((HERE / "login.html").read_text(encoding="utf-8"))

    @app.get("/netca.js")
    def sdk() -> FileResponse:
        return FileResponse(SDK, media_type="text/javascript")

    @app.post("/api/challenge")
    def challenge() -> dict[str, object]:
        return {"challenge": verifier.issue_challenge(), "origin": verifier.origin}

    @app.post("/api/login")
    async def login(request: Request) -> JSONResponse:
        try:
            body = await request.json()
            challenge, signed = str(body["challenge"]), str(body["signed_data"])
        except (ValueError, KeyError, TypeError):
            return JSONResponse(
                {"code": "bad_request", "message": "challenge and signed_data"}, 400
            )
        try:
            # OCSP goes over the network: off the event loop
            who = await run_in_threadpool(verifier.verify, challenge=challenge, signed_data=signed)
        except LoginRefused as refused:
            return JSONResponse({"code": refused.code, "message": str(refused)}, 401)
        return JSONResponse(
            {
                "subject": who.subject,
                "organisation": who.organisation,
                "org_code": who.org_code,
                "serial": who.serial,
                "issuer": who.issuer,
            }
        )

    return app
