"""netca_client/core/pdf."""
