"""netca_client/cli."""
