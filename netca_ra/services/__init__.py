"""Services: each public method owns one database transaction; helpers never commit."""
