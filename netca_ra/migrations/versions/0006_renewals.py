"""证书续期 (issue 17): renewal policies, renewals and their items, PoP nonces, e-invoices

Only new tables: nothing that exists changes. The policies of the seeded profiles are inserted
by ``netca-ra init`` (which every upgrade runs), not here.

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "renewal_policies",
        sa.Column("service_id", sa.String(length=32), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("approval", sa.String(length=16), nullable=False),
        sa.Column("revoke_old", sa.String(length=16), nullable=False),
        sa.Column("agreement_title", sa.String(length=128), nullable=False),
        sa.Column("agreement_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service_profiles.service_id"]),
        sa.PrimaryKeyConstraint("service_id"),
    )
    op.create_table(
        "renewals",
        sa.Column("renewal_id", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("approval", sa.String(length=16), nullable=False),
        sa.Column("invoice_title", sa.String(length=100), nullable=False),
        sa.Column("invoice_tax_id", sa.String(length=20), nullable=True),
        sa.Column("invoice_email", sa.String(length=254), nullable=True),
        sa.Column("invoice_mobile", sa.String(length=11), nullable=True),
        sa.Column("invoice_no", sa.String(length=20), nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.PrimaryKeyConstraint("renewal_id"),
        sa.UniqueConstraint("order_id"),
    )
    op.create_table(
        "renewal_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("renewal_id", sa.String(length=32), nullable=False),
        sa.Column("old_serial", sa.String(length=40), nullable=False),
        sa.Column("key_serial", sa.String(length=32), nullable=False),
        sa.Column("service_id", sa.String(length=32), nullable=False),
        sa.Column("revoke_old", sa.String(length=16), nullable=False),
        sa.Column("csr_pem", sa.Text(), nullable=False),
        sa.Column("new_serial", sa.String(length=40), nullable=True),
        _when("installed_at", nullable=True),
        sa.ForeignKeyConstraint(["renewal_id"], ["renewals.renewal_id"]),
        sa.ForeignKeyConstraint(["old_serial"], ["certificates.serial_hex"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_renewal_items_renewal_id", "renewal_items", ["renewal_id"])
    op.create_index("ix_renewal_items_old_serial", "renewal_items", ["old_serial"])
    op.create_table(
        "renewal_nonces",
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("used_at", nullable=True),
        sa.PrimaryKeyConstraint("nonce_hash"),
    )
    op.create_index("ix_renewal_nonces_expires_at", "renewal_nonces", ["expires_at"])
    op.create_table(
        "invoices",
        sa.Column("invoice_no", sa.String(length=20), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("mobile", sa.String(length=11), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"]),
        sa.PrimaryKeyConstraint("invoice_no"),
    )
    op.create_index("ix_invoices_order_id", "invoices", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_invoices_order_id", table_name="invoices")
    op.drop_table("invoices")
    op.drop_index("ix_renewal_nonces_expires_at", table_name="renewal_nonces")
    op.drop_table("renewal_nonces")
    op.drop_index("ix_renewal_items_old_serial", table_name="renewal_items")
    op.drop_index("ix_renewal_items_renewal_id", table_name="renewal_items")
    op.drop_table("renewal_items")
    op.drop_table("renewals")
    op.drop_table("renewal_policies")
