"""lifecycle: a quick lane, a smaller step's goal, undo of a title, private concerns, answers to confirm

Revision ID: 0008_lifecycle
Revises: 0007_conversation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_lifecycle'
down_revision = '0007_conversation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quick_days', sa.Integer(), nullable=False, server_default='3'))
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goal', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('previous_title', sa.Text(), nullable=True))
    with op.batch_alter_table('action_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goal', sa.Text(), nullable=True))
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_private', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('pending_replies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pending_replies', schema=None) as batch_op:
        batch_op.drop_column('answer')
    with op.batch_alter_table('concerns', schema=None) as batch_op:
        batch_op.drop_column('is_private')
    with op.batch_alter_table('action_drafts', schema=None) as batch_op:
        batch_op.drop_column('goal')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_column('previous_title')
        batch_op.drop_column('goal')
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('quick_days')
