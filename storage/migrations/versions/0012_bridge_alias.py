"""bridge messages: the reference of a message's latest edit, so a quote of it is found after a restart

Revision ID: 0012_bridge_alias
Revises: 0011_dashboard_sign_out
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_bridge_alias'
down_revision = '0011_dashboard_sign_out'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bridge_messages') as batch:
        batch.add_column(sa.Column('alias', sa.String(length=64), nullable=True))
        batch.create_index(batch.f('ix_bridge_messages_alias'), ['alias'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bridge_messages') as batch:
        batch.drop_index(batch.f('ix_bridge_messages_alias'))
        batch.drop_column('alias')
