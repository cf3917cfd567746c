"""The `netca-ra` command: init, serve, openapi, purge, staff add/passwd/disable/enable."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from fastapi import FastAPI

from netca_ra.settings import RaSettings

if TYPE_CHECKING:
    from netca_ra.services.staff import StaffService


def _settings(ctx: click.Context) -> RaSettings:
    settings = ctx.obj
    assert isinstance(settings, RaSettings)
    return settings


@click.group()
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="NETCA_RA_DATA_DIR",
    help="Where the database, CA keys and secrets live (env NETCA_RA_DATA_DIR).",
)
@click.option(
    "--dev", is_flag=True, envvar="NETCA_RA_DEV_MODE", help="SMS outbox, simulated payments."
)
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, dev: bool) -> None:
    """Reference RA service for netca-client."""
    # Everything the RA writes (database, WAL, keys, secrets) is for its own user only.
    os.umask(0o077)
    # Export so that uvicorn worker processes build the same settings.
    if data_dir is not None:
        os.environ["NETCA_RA_DATA_DIR"] = str(data_dir.absolute())
    if dev:
        os.environ["NETCA_RA_DEV_MODE"] = "1"
    ctx.obj = RaSettings()


@main.command()
@click.option("--organisation", default="NETCA-RA", show_default=True, help="Name in CA subjects.")
@click.option("--admin", "admin_username", default="admin", show_default=True)
@click.pass_context
def init(ctx: click.Context, organisation: str, admin_username: str) -> None:
    """Create the data directory, database schema, CA, service profiles and first admin."""
    from netca_ra.bootstrap import initialise

    settings = _settings(ctx)
    report = initialise(settings, organisation=organisation, admin_username=admin_username)
    click.echo(f"data directory: {settings.data_dir}")
    click.echo("secret key: " + ("generated" if report.created_secret else "kept"))
    click.echo("SO PIN master: " + ("generated" if report.created_so_pin_master else "kept"))
    click.echo("CA: " + ("created" if report.created_ca else "kept"))
    click.echo(f"service profiles added: {report.profiles_added}")
    if report.admin_password:
        click.echo(f"first admin: {report.admin_username}")
        click.echo(f"password (shown once, change it): {report.admin_password}")


def app_from_environment() -> FastAPI:
    """uvicorn factory: settings from NETCA_RA_* (what `main` exported)."""
    from netca_ra.app import create_app

    return create_app(RaSettings())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8600, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option(
    "--log-level",
    default="warning",
    show_default=True,
    envvar="NETCA_RA_LOG_LEVEL",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn's log level; `info` adds access lines (no secret is ever in a URL).",
)
@click.option(
    "--forwarded-allow-ips",
    envvar="FORWARDED_ALLOW_IPS",
    default="127.0.0.1",
    show_default=True,
    help="Proxies trusted for X-Forwarded-For (the client address that per-client limits "
    "count); comma-separated addresses or '*'.",
)
@click.option(
    "--loop",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "asyncio", "uvloop"]),
    help="Event loop; auto: asyncio with SQLite, uvloop with PostgreSQL. The order poll reads "
    "SQLite on the event loop itself, and under a load that kept a process busy uvloop then "
    "left some requests waiting hundreds of ms; PostgreSQL's reads go through worker "
    "threads, and there uvloop answered more requests, sooner (docs/performance.md).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    log_level: str,
    forwarded_allow_ips: str,
    loop: str,
) -> None:
    """Serve the RA with uvicorn (put a TLS reverse proxy in front in production)."""
    import uvicorn

    settings = _settings(ctx)
    try:
        settings.check_secrets()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(
        "netca_ra.cli:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level=log_level,
        loop=_loop_for(settings, loop),
    )


def _loop_for(settings: RaSettings, loop: str) -> str:
    if loop != "auto":
        return loop
    return "asyncio" if settings.database_url.startswith("sqlite") else "uvloop"


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
def openapi(output: Path | None) -> None:
    """Write the OpenAPI document (docs/ra-openapi.json is this output)."""
    import json

    from netca_ra.app import openapi_document

    text = json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@main.command()
@click.option(
    "--idempotency-days",
    default=7,
    show_default=True,
    type=click.IntRange(min=0),
    help="Keep stored answers to Idempotency-Keys this long (a retry after that acts again).",
)
@click.option(
    "--abandoned-days",
    default=30,
    show_default=True,
    type=click.IntRange(min=0),
    help="Drop activation and unlock requests abandoned this long ago, with their materials.",
)
@click.pass_context
def purge(ctx: click.Context, idempotency_days: int, abandoned_days: int) -> None:
    """Delete expired rows: old idempotency answers, rate counters, codes, sessions, and
    abandoned key requests with their uploaded materials."""
    from netca_ra.db import make_engine, make_session_factory
    from netca_ra.models import utcnow
    from netca_ra.services.housekeeping import purge as purge_rows

    engine = make_engine(_settings(ctx).database_url)
    try:
        report = purge_rows(
            make_session_factory(engine),
            now=utcnow(),
            idempotency_days=idempotency_days,
            abandoned_days=abandoned_days,
        )
    finally:
        engine.dispose()
    click.echo(
        f"removed: idempotency records {report.idempotency_records}, "
        f"rate counters {report.rate_counters}, one-time codes {report.one_time_codes}, "
        f"key codes {report.key_codes}, "
        f"staff sessions {report.staff_sessions}, "
        f"abandoned key requests {report.abandoned_requests}"
    )


@main.group()
def staff() -> None:
    """Staff accounts for the console."""


@staff.command("add")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Display name, e.g. 张三.")
@click.option("--role", type=click.Choice(["reviewer", "counter", "admin"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def staff_add(
    ctx: click.Context, username: str, display_name: str, role: str, password_stdin: bool
) -> None:
    """Add a staff member (argon2-hashed password)."""
    from netca_ra.services.staff import Role

    password = _read_password(password_stdin)
    with _staff_service(ctx) as service:
        service.add(
            username=username, display_name=display_name, password=password, role=Role(role)
        )
    click.echo(f"added {username} ({role})")


def _read_password(from_stdin: bool) -> str:
    """A password from standard input or a hidden prompt, never from the command line."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("password", hide_input=True, confirmation_prompt=True))


@contextmanager
def _staff_service(ctx: click.Context) -> Iterator[StaffService]:
    """The staff service on the configured database; ValueError becomes a CLI error."""
    from netca_ra.db import make_engine, make_session_factory
    from netca_ra.services.staff import StaffService

    engine = make_engine(_settings(ctx).database_url)
    try:
        yield StaffService(make_session_factory(engine), session_ttl_seconds=60)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()


@staff.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def staff_passwd(ctx: click.Context, username: str, password_stdin: bool) -> None:
    """Set a new password for USERNAME; their open sessions end."""
    password = _read_password(password_stdin)
    with _staff_service(ctx) as service:
        service.set_password(username, password)
    click.echo(f"password changed for {username}; their sessions were ended")


@staff.command("disable")
@click.argument("username")
@click.pass_context
def staff_disable(ctx: click.Context, username: str) -> None:
    """Disable USERNAME: sign-ins are refused and open sessions end at once."""
    with _staff_service(ctx) as service:
        service.set_active(username, active=False)
    click.echo(f"disabled {username}")


@staff.command("enable")
@click.argument("username")
@click.pass_context
def staff_enable(ctx: click.Context, username: str) -> None:
    """Enable USERNAME again (with the password it had)."""
    with _staff_service(ctx) as service:
        service.set_active(username, active=True)
    click.echo(f"enabled {username}")
