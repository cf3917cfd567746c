"""Web login through the loopback bridge, the Qt-free part: which origins may use the key,
per-origin rate limits, and the CMS SignedData a login or a data signature produces."""
