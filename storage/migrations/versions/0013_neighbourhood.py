"""the neighbourhood: public invitations, "ik kom ook" sign-ups, the group's public page, times of day

Revision ID: 0013_neighbourhood
Revises: 0012_bridge_alias
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0013_neighbourhood'
down_revision = '0012_bridge_alias'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('actions', 'action_drafts', 'agenda_items'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('start_time', sa.Time(), nullable=True))
    with op.batch_alter_table('actions') as batch:
        batch.add_column(sa.Column('neighbours_coming', sa.Integer(), server_default='0', nullable=False))
        batch.add_column(sa.Column('series_rule', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('series_of_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('series_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f('fk_actions_series_by_id_members'), 'members', ['series_by_id'], ['id'], ondelete='SET NULL'
        )
        batch.add_column(sa.Column('card_due_at', sa.DateTime(), nullable=True))
        batch.create_foreign_key(
            batch.f('fk_actions_series_of_id_actions'), 'actions', ['series_of_id'], ['id'], ondelete='SET NULL'
        )
        batch.create_index(batch.f('ix_actions_series_of_id'), ['series_of_id'], unique=False)
        batch.create_index(batch.f('ix_actions_card_due_at'), ['card_due_at'], unique=False)
        batch.create_unique_constraint(batch.f('uq_actions_series_of_id_due_on'), ['series_of_id', 'due_on'])
    with op.batch_alter_table('groups') as batch:
        batch.add_column(sa.Column('public_token', sa.String(length=43), nullable=True))
        batch.create_unique_constraint(batch.f('uq_groups_public_token'), ['public_token'])
    op.create_table(
        'public_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=43), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_public_invitations_action_id_actions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_public_invitations_group_id_groups'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['members.id'], name=op.f('fk_public_invitations_created_by_id_members'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_public_invitations')),
        sa.UniqueConstraint('action_id', name=op.f('uq_public_invitations_action_id')),
        sa.UniqueConstraint('token', name=op.f('uq_public_invitations_token')),
    )
    op.create_index(op.f('ix_public_invitations_group_id'), 'public_invitations', ['group_id'], unique=False)
    op.create_table(
        'neighbour_signups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=True),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('first_name', sa.String(length=60), nullable=True),
        sa.Column('contact', sa.String(length=120), nullable=True),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('undo_token', sa.String(length=43), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('removed_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['invitation_id'], ['public_invitations.id'], name=op.f('fk_neighbour_signups_invitation_id_public_invitations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_neighbour_signups_action_id_actions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_neighbour_signups_member_id_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_neighbour_signups')),
        sa.UniqueConstraint('undo_token', name=op.f('uq_neighbour_signups_undo_token')),
    )
    op.create_index(op.f('ix_neighbour_signups_invitation_id'), 'neighbour_signups', ['invitation_id'], unique=False)
    op.create_index(op.f('ix_neighbour_signups_action_id'), 'neighbour_signups', ['action_id'], unique=False)
    op.create_index(op.f('ix_neighbour_signups_member_id'), 'neighbour_signups', ['member_id'], unique=False)


def downgrade() -> None:
    op.drop_table('neighbour_signups')
    op.drop_table('public_invitations')
    with op.batch_alter_table('actions') as batch:
        batch.drop_constraint(batch.f('uq_actions_series_of_id_due_on'), type_='unique')
        batch.drop_index(batch.f('ix_actions_card_due_at'))
        batch.drop_index(batch.f('ix_actions_series_of_id'))
        batch.drop_constraint(batch.f('fk_actions_series_of_id_actions'), type_='foreignkey')
        batch.drop_constraint(batch.f('fk_actions_series_by_id_members'), type_='foreignkey')
        batch.drop_column('series_by_id')
        batch.drop_column('card_due_at')
        batch.drop_column('series_of_id')
        batch.drop_column('series_rule')
        batch.drop_column('neighbours_coming')
    with op.batch_alter_table('groups') as batch:
        batch.drop_constraint(batch.f('uq_groups_public_token'), type_='unique')
        batch.drop_column('public_token')
    for table in ('actions', 'action_drafts', 'agenda_items'):
        with op.batch_alter_table(table) as batch:
            batch.drop_column('start_time')
