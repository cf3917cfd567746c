"""netca_client/core/token."""
