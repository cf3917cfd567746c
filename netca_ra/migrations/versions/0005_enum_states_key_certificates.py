"""enum states checked; the certificates on a key as rows of key_certificates (issue 15)

States, kinds, methods and roles become enum columns in the models. They stay VARCHAR of the
same length (models.values_of), so no column changes type: stored values were always the
enums' values, and this migration proves it before the ORM reads them as enums. A row with
any other value stops the upgrade before anything is changed, naming the table, column and
values, so they can be mapped by hand instead of failing later at the row.

``key_records.certificate_serials`` (comma-joined hex serials) becomes one row per
certificate in ``key_certificates``, in the order the serials were listed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The values as of this revision, written out: a later release that renames a state maps it
# in its own migration, and this one must still accept what 0004 databases hold.
_ORDER_STATES = (
    "submitted", "under_review", "approved", "rejected", "awaiting_payment", "paid", "issued",
    "installed", "rechecked", "completed", "cancelled",
)  # fmt: skip
_BUSINESS_TYPES = (
    "new", "renewal", "change", "replacement", "unlock", "seal_apply", "seal_change",
)  # fmt: skip
_CERTIFICATE_KINDS = ("organisation", "employee")
_KEY_REQUEST_STATES = (
    "otp_sent", "materials_required", "under_review", "rejected", "authorised",
    "so_pin_released", "completed", "failed", "expired",
)  # fmt: skip
ENUM_COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("orders", "state"): _ORDER_STATES,
    ("orders", "business_type"): _BUSINESS_TYPES,
    ("orders", "certificate_kind"): _CERTIFICATE_KINDS,
    ("order_events", "from_state"): _ORDER_STATES,
    ("order_events", "to_state"): _ORDER_STATES,
    ("service_profiles", "certificate_kind"): _CERTIFICATE_KINDS,
    ("payments", "method"): ("simulated", "bank_transfer"),
    ("payments", "state"): ("pending", "confirmed", "rejected"),
    ("staff", "role"): ("reviewer", "counter", "admin"),
    ("key_records", "state"): ("provisioning", "awaiting_activation", "active", "returned"),
    ("key_requests", "purpose"): ("activate", "unlock"),
    ("key_requests", "state"): _KEY_REQUEST_STATES,
}

_key_certificates = sa.table(
    "key_certificates",
    sa.column("id", sa.Integer()),
    sa.column("key_serial", sa.String()),
    sa.column("serial_hex", sa.String()),
)


def _unknown_enum_values(connection: sa.Connection) -> list[str]:
    found = []
    for (table, column), allowed in ENUM_COLUMNS.items():
        named = sa.column(column, sa.String())
        values = connection.execute(
            sa.select(named)
            .select_from(sa.table(table, named))
            .where(named.is_not(None), named.not_in(allowed))
            .distinct()
        ).scalars()
        found += [f"{table}.{column} = {value!r}" for value in values]
    return found


def _certificate_rows(connection: sa.Connection) -> tuple[list[dict[str, str]], list[str]]:
    """One row per serial listed on each key (first listing kept), and what is wrong."""
    known = set(connection.execute(sa.text("SELECT serial_hex FROM certificates")).scalars())
    listed = connection.execute(
        sa.text("SELECT serial, certificate_serials FROM key_records ORDER BY created_at, serial")
    ).all()
    rows: list[dict[str, str]] = []
    owner: dict[str, str] = {}
    problems: list[str] = []
    for key_serial, joined in listed:
        for serial_hex in (part.strip() for part in (joined or "").split(",")):
            if not serial_hex or owner.get(serial_hex) == key_serial:
                continue
            if serial_hex in owner:
                problems.append(f"certificate {serial_hex} is listed on two keys, {key_serial} too")
            elif serial_hex not in known:
                problems.append(f"key {key_serial} lists certificate {serial_hex}, not issued here")
            owner[serial_hex] = key_serial
            rows.append({"key_serial": key_serial, "serial_hex": serial_hex})
    return rows, problems


def upgrade() -> None:
    connection = op.get_bind()
    rows, problems = _certificate_rows(connection)
    problems += _unknown_enum_values(connection)
    if problems:
        raise RuntimeError(
            "the database holds values this version cannot read; nothing was changed:\n  "
            + "\n  ".join(problems)
        )
    op.create_table(
        "key_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_serial", sa.String(length=32), nullable=False),
        sa.Column("serial_hex", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["key_serial"], ["key_records.serial"]),
        sa.ForeignKeyConstraint(["serial_hex"], ["certificates.serial_hex"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("serial_hex"),
    )
    op.create_index(
        op.f("ix_key_certificates_key_serial"), "key_certificates", ["key_serial"], unique=False
    )
    if rows:
        op.bulk_insert(_key_certificates, rows)
    with op.batch_alter_table("key_records") as batch:
        batch.drop_column("certificate_serials")


def downgrade() -> None:
    with op.batch_alter_table("key_records") as batch:
        batch.add_column(
            sa.Column("certificate_serials", sa.Text(), nullable=False, server_default="")
        )
    connection = op.get_bind()
    joined: dict[str, list[str]] = {}
    for key_serial, serial_hex in connection.execute(
        sa.text("SELECT key_serial, serial_hex FROM key_certificates ORDER BY id")
    ):
        joined.setdefault(key_serial, []).append(serial_hex)
    for key_serial, serials in joined.items():
        connection.execute(
            sa.text("UPDATE key_records SET certificate_serials = :joined WHERE serial = :serial"),
            {"joined": ",".join(serials), "serial": key_serial},
        )
    op.drop_index(op.f("ix_key_certificates_key_serial"), table_name="key_certificates")
    op.drop_table("key_certificates")
