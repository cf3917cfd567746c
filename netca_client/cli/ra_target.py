"""Which RA a command talks to (--ra-url, --ca-bundle, else the settings) and the signed-in
acceptance-point staff member there."""

from __future__ import annotations

from dataclasses import dataclass

import click

from netca_client.cli.answers import Answers
from netca_client.cli.i18n import t
from netca_client.core.config import load_config
from netca_client.core.ra.client import RaClient
from netca_client.core.secrets import SecretStore
from netca_client.core.workflows.staff import StaffSession, StaffSessions

ra_url_option = click.option(
    "--ra-url", envvar="NETCA_RA_URL", help="RA address (default: from config.toml)."
)
ca_bundle_option = click.option(
    "--ca-bundle",
    envvar="NETCA_RA_CA_BUNDLE",
    type=click.Path(exists=True, dir_okay=False),
    help="PEM bundle that verifies the RA's TLS certificate.",
)


@dataclass
class RaTarget:
    url: str
    bundle: str | None

    def client(self) -> RaClient:
        return RaClient(self.url, ca_bundle=self.bundle)


def ra_target(ra_url: str | None, ca_bundle: str | None) -> RaTarget:
    """The options given, else the settings' RA address and CA bundle."""
    config = load_config() if ra_url is None or ca_bundle is None else None
    url = ra_url or (config.ra_url if config else "")
    return RaTarget(url.rstrip("/"), ca_bundle or (config.ra_ca_bundle if config else None))


def staff_session(ra: RaClient, target: RaTarget, answers: Answers) -> StaffSession:
    """The stored staff session for ``target``, or a sign-in now."""
    sessions = StaffSessions(SecretStore(), target.url)
    current = sessions.current()
    if current is not None:
        return current
    click.echo(t("staff-login-needed"), err=True)
    username = answers.read("prompt-staff-username", hidden=False)
    password = answers.read("prompt-staff-password")
    return sessions.login(ra, username, password)
