"""netca_ra."""
