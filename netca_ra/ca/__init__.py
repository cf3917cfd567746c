"""Certificate authority behind a small interface: issue, CRL, OCSP, time stamps."""
