"""netca_client/gui."""
