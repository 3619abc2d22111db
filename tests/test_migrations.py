"""Alembic: every revision upgrades and downgrades (stairway), and the models match the migrations."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import alembic_config, downgrade, upgrade
from storage.models import Base
from tests.conftest import POSTGRES_URL, postgres_engine


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.fixture
async def empty_engine(db_kind: str, tmp_path) -> AsyncIterator[AsyncEngine]:
    """An engine on a database with no tables at all."""
    if db_kind == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
        yield engine
        await engine.dispose()
        return
    schema = f"brug_stairway_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = postgres_engine(schema)
    try:
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def test_stairway_upgrade_and_downgrade_every_revision(empty_engine: AsyncEngine) -> None:
    all_revisions = revisions()
    assert all_revisions[0] == "0001_foundation"
    previous = "base"
    for revision in all_revisions:
        await upgrade(empty_engine, revision)
        await downgrade(empty_engine, previous)
        await upgrade(empty_engine, revision)
        previous = revision


async def test_models_match_migrations(empty_engine: AsyncEngine) -> None:
    await upgrade(empty_engine, "head")
    async with empty_engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata
            )
        )
    assert diff == []
