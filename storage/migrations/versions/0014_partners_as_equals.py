"""partners as equals: reciprocity both ways, where we stand, wishes, a nudge; "wij helpen mee" actions

Revision ID: 0014_partners_as_equals
Revises: 0013_neighbourhood
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_partners_as_equals'
down_revision = '0013_neighbourhood'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('partners') as batch:
        batch.add_column(sa.Column('asks_of_us', sa.Text(), nullable=True))
        batch.add_column(sa.Column('we_offer_them', sa.Text(), nullable=True))
        batch.add_column(sa.Column('status', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('their_wish', sa.Text(), nullable=True))
        batch.add_column(sa.Column('our_wish', sa.Text(), nullable=True))
        batch.add_column(sa.Column('nudged_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('groups') as batch:
        batch.add_column(sa.Column('partner_quiet_days', sa.Integer(), server_default='60', nullable=False))
    with op.batch_alter_table('actions') as batch:
        batch.add_column(sa.Column('helping', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('actions') as batch:
        batch.drop_column('helping')
    with op.batch_alter_table('groups') as batch:
        batch.drop_column('partner_quiet_days')
    with op.batch_alter_table('partners') as batch:
        for column in ('nudged_at', 'our_wish', 'their_wish', 'status', 'we_offer_them', 'asks_of_us'):
            batch.drop_column(column)
