"""Virtual USB keys for development, demo and tests: the netca-vkey command."""
