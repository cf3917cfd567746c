"""netca_client."""
