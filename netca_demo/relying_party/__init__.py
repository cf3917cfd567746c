"""The demo web site (relying party): a login page that signs in with the USB key through
netca-client's loopback bridge, and verifies the answer the way a real site must."""
