"""The demo world: a local RA and virtual USB keys with realistic content (development only)."""
