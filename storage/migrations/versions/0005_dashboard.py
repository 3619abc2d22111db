"""dashboard: browser logins through a Telegram deep link

Revision ID: 0005_dashboard
Revises: 0004_reliability
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0005_dashboard'
down_revision = '0004_reliability'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dashboard_logins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nonce_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('expires_at', storage.models.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_dashboard_logins_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dashboard_logins')),
    sa.UniqueConstraint('nonce_hash', name=op.f('uq_dashboard_logins_nonce_hash'))
    )
    with op.batch_alter_table('dashboard_logins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dashboard_logins_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dashboard_logins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dashboard_logins_expires_at'))

    op.drop_table('dashboard_logins')
