"""netca_client/core/seals."""
