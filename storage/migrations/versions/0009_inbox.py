"""inbox: every Telegram update stored before it is acknowledged, handled per chat in order

Revision ID: 0009_inbox
Revises: 0008_lifecycle
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_inbox'
down_revision = '0008_lifecycle'
branch_labels = None
depends_on = None

WAITING = "status IN ('new', 'claimed')"
CLAIMED = "status = 'claimed'"


def upgrade() -> None:
    op.create_table(
        'inbox',
        sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_by', sa.String(length=128), nullable=True),
        sa.Column('lease_until', sa.DateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('update_id', name=op.f('pk_inbox')),
    )
    op.create_index(op.f('ix_inbox_received_at'), 'inbox', ['received_at'], unique=False)
    op.create_index(
        'ix_inbox_waiting_chat_id_update_id', 'inbox', ['chat_id', 'update_id'], unique=False,
        sqlite_where=sa.text(WAITING), postgresql_where=sa.text(WAITING),
    )
    op.create_index(
        'uq_inbox_claimed_chat_id', 'inbox', ['chat_id'], unique=True,
        sqlite_where=sa.text(CLAIMED), postgresql_where=sa.text(CLAIMED),
    )


def downgrade() -> None:
    op.drop_index('uq_inbox_claimed_chat_id', table_name='inbox')
    op.drop_index('ix_inbox_waiting_chat_id_update_id', table_name='inbox')
    op.drop_index(op.f('ix_inbox_received_at'), table_name='inbox')
    op.drop_table('inbox')
