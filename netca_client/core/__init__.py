"""netca_client/core."""
