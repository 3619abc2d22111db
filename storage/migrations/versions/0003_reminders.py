"""reminders outbox

Revision ID: 0003_reminders
Revises: 0002_network_actions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0003_reminders'
down_revision = '0002_network_actions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('due_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_until', storage.models.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=True),
    sa.Column('created_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('sent_at', storage.models.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_reminders_action_id_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_reminders_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_reminders_group_id_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_reminders_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    sa.UniqueConstraint('key', name=op.f('uq_reminders_key'))
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_commitment_id'), ['commitment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index('ix_reminders_status_due_at', ['status', 'due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_status_due_at')
        batch_op.drop_index(batch_op.f('ix_reminders_sent_at'))
        batch_op.drop_index(batch_op.f('ix_reminders_member_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_group_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_commitment_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_action_id'))

    op.drop_table('reminders')
