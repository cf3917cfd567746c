"""key registry, key requests, codes, materials, key audit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 12:03:01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "key_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_serial", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_key_events_key_serial"), "key_events", ["key_serial"], unique=False)
    op.create_index(op.f("ix_key_events_request_id"), "key_events", ["request_id"], unique=False)
    op.create_table(
        "key_records",
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("so_pin_version", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("certificate_serials", sa.Text(), nullable=False),
        sa.Column("handler_name", sa.String(length=64), nullable=False),
        sa.Column("handler_id_number", sa.String(length=18), nullable=False),
        sa.Column("handler_mobile", sa.String(length=11), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
        ),
        sa.PrimaryKeyConstraint("serial"),
    )
    op.create_index(op.f("ix_key_records_order_id"), "key_records", ["order_id"], unique=False)
    op.create_index(op.f("ix_key_records_state"), "key_records", ["state"], unique=False)
    op.create_table(
        "key_requests",
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("key_serial", sa.String(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("handler_name", sa.String(length=64), nullable=True),
        sa.Column("handler_id_number", sa.String(length=18), nullable=True),
        sa.Column("handler_mobile", sa.String(length=11), nullable=True),
        sa.Column("handler_matched", sa.Boolean(), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("sent_to", sa.String(length=16), nullable=True),
        sa.Column("last_code_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=80), nullable=True),
        sa.Column("released_version", sa.Integer(), nullable=True),
        sa.Column("so_pin_version", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_serial"],
            ["key_records.serial"],
        ),
        sa.PrimaryKeyConstraint("request_id"),
    )
    op.create_index(
        op.f("ix_key_requests_key_serial"), "key_requests", ["key_serial"], unique=False
    )
    op.create_index(op.f("ix_key_requests_state"), "key_requests", ["state"], unique=False)
    op.create_table(
        "key_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["key_requests.request_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_key_codes_request_id"), "key_codes", ["request_id"], unique=False)
    op.create_table(
        "key_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("filename", sa.String(length=128), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["key_requests.request_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_key_materials_request_id"), "key_materials", ["request_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_key_materials_request_id"), table_name="key_materials")
    op.drop_table("key_materials")
    op.drop_index(op.f("ix_key_codes_request_id"), table_name="key_codes")
    op.drop_table("key_codes")
    op.drop_index(op.f("ix_key_requests_state"), table_name="key_requests")
    op.drop_index(op.f("ix_key_requests_key_serial"), table_name="key_requests")
    op.drop_table("key_requests")
    op.drop_index(op.f("ix_key_records_state"), table_name="key_records")
    op.drop_index(op.f("ix_key_records_order_id"), table_name="key_records")
    op.drop_table("key_records")
    op.drop_index(op.f("ix_key_events_request_id"), table_name="key_events")
    op.drop_index(op.f("ix_key_events_key_serial"), table_name="key_events")
    op.drop_table("key_events")
