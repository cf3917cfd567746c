"""netca_client/core/ra."""
