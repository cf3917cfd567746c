"""netca_client/core/workflows."""
