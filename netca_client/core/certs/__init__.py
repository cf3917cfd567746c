"""netca_client/core/certs."""
