"""deliveries: every message an update causes, committed with the change before Telegram is called

Revision ID: 0010_deliveries
Revises: 0009_inbox
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_deliveries'
down_revision = '0009_inbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('method', sa.String(length=64), nullable=False),
        sa.Column('params', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    )
    op.create_index(op.f('ix_deliveries_chat_id'), 'deliveries', ['chat_id'], unique=False)
    op.create_index('ix_deliveries_status_due_at', 'deliveries', ['status', 'due_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_deliveries_status_due_at', table_name='deliveries')
    op.drop_index(op.f('ix_deliveries_chat_id'), table_name='deliveries')
    op.drop_table('deliveries')
