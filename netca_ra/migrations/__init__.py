"""Alembic migrations shipped inside the package (script location ``netca_ra:migrations``)."""
