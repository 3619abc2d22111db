"""bridge: addresses and sent messages of other chat services (Signal, the console)

Revision ID: 0006_bridge
Revises: 0005_dashboard
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0006_bridge'
down_revision = '0005_dashboard'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bridge_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.BigInteger(), nullable=False),
    sa.Column('transport', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('address', sa.String(length=128), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=True),
    sa.Column('private_ok', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bridge_addresses')),
    sa.UniqueConstraint('local_id', name=op.f('uq_bridge_addresses_local_id')),
    sa.UniqueConstraint('transport', 'kind', 'address', name=op.f('uq_bridge_addresses_transport_kind_address'))
    )
    op.create_table('bridge_messages',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('transport', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('first_ref', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('options', sa.Text(), nullable=False),
    sa.Column('had_options', sa.Boolean(), nullable=False),
    sa.Column('expects_text', sa.Boolean(), nullable=False),
    sa.Column('edits', sa.Integer(), nullable=False),
    sa.Column('sent_at', storage.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bridge_messages'))
    )
    with op.batch_alter_table('bridge_messages', schema=None) as batch_op:
        batch_op.create_index('ix_bridge_messages_chat', ['transport', 'chat_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bridge_messages_first_ref'), ['first_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_bridge_messages_ref'), ['ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bridge_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bridge_messages_ref'))
        batch_op.drop_index(batch_op.f('ix_bridge_messages_first_ref'))
        batch_op.drop_index('ix_bridge_messages_chat')
    op.drop_table('bridge_messages')
    op.drop_table('bridge_addresses')
