"""reliability: the ids of processed Telegram updates (each update is handled once)

Revision ID: 0004_reliability
Revises: 0003_reminders
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0004_reliability'
down_revision = '0003_reminders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('processed_updates',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('processed_at', storage.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('update_id', name=op.f('pk_processed_updates'))
    )
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_updates_processed_at'), ['processed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('processed_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_updates_processed_at'))

    op.drop_table('processed_updates')
