"""netca_protocol."""
