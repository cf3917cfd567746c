"""RA hardening (issue 13): idempotency answers bound to callers and free of secrets; SO PIN
versions allocated per release; who approved a new handler

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Stored answers so far held order tokens and payment links in clear and are bound to no
    # caller: drop them. A client retrying across the upgrade acts again (documented).
    op.execute("DELETE FROM idempotency_records")
    op.add_column(
        "idempotency_records",
        sa.Column("caller", sa.String(length=80), nullable=False, server_default=""),
    )
    op.add_column(
        "idempotency_records", sa.Column("sealed", sa.Text(), nullable=False, server_default="")
    )
    op.add_column(
        "key_records",
        sa.Column("so_pin_issued", sa.Integer(), nullable=False, server_default="1"),
    )
    op.add_column("key_requests", sa.Column("next_version", sa.Integer(), nullable=True))
    op.add_column(
        "key_requests", sa.Column("handler_approved_by", sa.String(length=80), nullable=True)
    )
    # Every release so far told version v+1 with v: a key whose current version was released
    # has had its next one disclosed already.
    op.execute(
        "UPDATE key_requests SET next_version = released_version + 1 "
        "WHERE released_version IS NOT NULL"
    )
    op.execute(
        "UPDATE key_records SET so_pin_issued = so_pin_version + CASE WHEN EXISTS ("
        "SELECT 1 FROM key_requests r WHERE r.key_serial = key_records.serial "
        "AND r.released_version = key_records.so_pin_version) THEN 1 ELSE 0 END"
    )
    # Requests whose new handler a reviewer approved (the only ones that may change it).
    op.execute(
        "UPDATE key_requests SET handler_approved_by = reviewed_by "
        "WHERE handler_matched = false AND reviewed_by IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM key_events e WHERE e.request_id = key_requests.request_id "
        "AND e.action = 'otp_sent' AND e.actor = key_requests.reviewed_by)"
    )


def downgrade() -> None:
    with op.batch_alter_table("key_requests") as batch:
        batch.drop_column("handler_approved_by")
        batch.drop_column("next_version")
    with op.batch_alter_table("key_records") as batch:
        batch.drop_column("so_pin_issued")
    with op.batch_alter_table("idempotency_records") as batch:
        batch.drop_column("sealed")
        batch.drop_column("caller")
