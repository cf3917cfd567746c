"""certificate revoked_by: which staff member revoked a certificate

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:32:36.101995
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("certificates", sa.Column("revoked_by", sa.String(length=80), nullable=True))


def downgrade() -> None:
    op.drop_column("certificates", "revoked_by")
