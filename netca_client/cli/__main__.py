"""`python -m netca_client.cli` runs the `netca` command."""

from netca_client.cli.main import main

main()
