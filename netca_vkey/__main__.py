"""`python -m netca_vkey` runs the netca-vkey command."""

from netca_vkey.cli import main

main()
