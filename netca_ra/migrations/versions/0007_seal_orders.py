"""Seal applications (issue 18): proof-of-possession nonces, seal orders, their revisions
and scans

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "possession_nonces",
        sa.Column("nonce_hash", sa.String(length=64), primary_key=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("expires_at", _WHEN, nullable=False, index=True),
        sa.Column("used_at", _WHEN, nullable=True),
    )
    op.create_table(
        "seal_orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False,
                  unique=True),
        sa.Column("key_serial", sa.String(length=32), sa.ForeignKey("key_records.serial"),
                  nullable=False, index=True),
        sa.Column("certificate_serial", sa.String(length=40),
                  sa.ForeignKey("certificates.serial_hex"), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False, index=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("replaces_seal_id", sa.String(length=64), nullable=False),
        sa.Column("review_reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=80), nullable=True),
        sa.Column("seal_id", sa.String(length=64), nullable=True),
        sa.Column("seal_sha256", sa.String(length=64), nullable=True),
        sa.Column("seal_der", sa.LargeBinary(), nullable=True),
        sa.Column("seal_valid_from", _WHEN, nullable=True),
        sa.Column("seal_valid_to", _WHEN, nullable=True),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("updated_at", _WHEN, nullable=False),
        sa.Column("installed_at", _WHEN, nullable=True),
    )  # fmt: skip
    op.create_table(
        "seal_revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seal_order_id", sa.Integer(), sa.ForeignKey("seal_orders.id"),
                  nullable=False, index=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("seal_kind", sa.String(length=24), nullable=False),
        sa.Column("seal_name", sa.String(length=64), nullable=False),
        sa.Column("size_mm", sa.Integer(), nullable=False),
        sa.Column("handler_name", sa.String(length=64), nullable=False),
        sa.Column("handler_id_number", sa.String(length=18), nullable=False),
        sa.Column("handler_mobile", sa.String(length=11), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.UniqueConstraint("seal_order_id", "revision"),
    )  # fmt: skip
    op.create_table(
        "seal_materials",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seal_order_id", sa.Integer(), sa.ForeignKey("seal_orders.id"),
                  nullable=False, index=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=128), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("seal_materials")
    op.drop_table("seal_revisions")
    op.drop_table("seal_orders")
    op.drop_table("possession_nonces")
