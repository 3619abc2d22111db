"""dashboard sign-out: a member's sessions made before this moment are void (logout, /vergeetmij)

Revision ID: 0011_dashboard_sign_out
Revises: 0010_deliveries
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision = '0011_dashboard_sign_out'
down_revision = '0010_deliveries'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members') as batch:
        batch.add_column(sa.Column('dashboard_signed_out_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('members') as batch:
        batch.drop_column('dashboard_signed_out_at')
