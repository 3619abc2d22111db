"""conversation: the choices of an open question, and whom a bridged message asks

Revision ID: 0007_conversation
Revises: 0006_bridge
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_conversation'
down_revision = '0006_bridge'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pending_replies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('choices', sa.Text(), nullable=True))
    with op.batch_alter_table('bridge_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('addressee', sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column('answered', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table('bridge_messages', schema=None) as batch_op:
        batch_op.drop_column('answered')
        batch_op.drop_column('addressee')
    with op.batch_alter_table('pending_replies', schema=None) as batch_op:
        batch_op.drop_column('choices')
