"""RA client over requests (the only HTTP in core); wire models come from netca_protocol."""

from netca_client.core.ra.client import RaClient, new_request_id

__all__ = ["RaClient", "new_request_id"]
