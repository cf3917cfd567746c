"""service profiles name the key algorithm of their certificates (issue 21: 国密 SM2)

``service_profiles.key_algorithm`` (VARCHAR(16), the values of netca_protocol.KeyAlgorithm):
what the counter generates on the key for the profile's orders and which CA certifies it.
Every existing profile keeps what it always had, RSA 2048 (the server default fills them).

Revision ID: 0008
Revises: 0007 (issue 18's; tested on branch issue-21 against 0006, issue 17's, as 0007 was
not on main yet)
Create Date: 2026-11-30 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
# The chain is 0005 -> 0006 (issue 17) -> 0007 (issue 18) -> 0008 (this one).
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service_profiles") as batch:
        batch.add_column(
            sa.Column("key_algorithm", sa.String(16), nullable=False, server_default="rsa2048")
        )


def downgrade() -> None:
    with op.batch_alter_table("service_profiles") as batch:
        batch.drop_column("key_algorithm")
