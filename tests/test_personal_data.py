"""Issue 17, item 6: the personal-data registry. Every table that holds member data declares what
/mijngegevens and /vergeetmij do with it (``storage.models.MemberData``); a new table that stores member
data without a declaration fails here, before it can silently escape the export or the erasure."""

from __future__ import annotations

import json

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table

from storage.models import Base, holds_member_data
from storage.repositories.privacy import written_alone
from tests.harness import BotHarness
from tests.test_privacy import a_group_with_history


def declared_models() -> dict[str, type]:
    return {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def test_every_table_with_member_data_says_what_happens_to_it() -> None:
    undeclared = [
        name for name, model in declared_models().items()
        if holds_member_data(model.__table__) and getattr(model, "__member_data__", None) is None
    ]
    assert undeclared == [], f"declare __member_data__ (storage.models.MemberData) on: {undeclared}"
    for name, model in declared_models().items():
        declared = getattr(model, "__member_data__", None)
        if declared is not None:
            assert declared.why.strip(), f"{name}: say why"
            assert declared.on_forget in ("deleted", "anonymised", "kept"), name


def test_the_rule_recognises_member_data() -> None:
    """A new table with a member reference or a personal column is caught; a group's own table is not."""
    metadata = MetaData()
    members = Table("members", metadata, Column("id", Integer, primary_key=True))
    offers = Table(
        "offers", metadata, Column("id", Integer, primary_key=True),
        Column("member_id", ForeignKey(members.c.id)), Column("what", String),
    )
    notes = Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String))
    rooms = Table("rooms", metadata, Column("id", Integer, primary_key=True), Column("title", String))
    assert holds_member_data(offers) and holds_member_data(notes)
    assert not holds_member_data(rooms)


async def test_every_exported_table_is_in_my_data_and_every_deleted_one_is_gone_after_forget_me(
    bot: BotHarness,
) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.anna, story.anna, "/mijngegevens")
    document = json.loads(bot.telegram.last("sendDocument", story.anna.id).files["document"])
    exported = {
        model.__member_data__.exported for model in declared_models().values()
        if getattr(model, "__member_data__", None) is not None and model.__member_data__.exported
    }
    assert exported <= set(document), f"declared as exported but missing: {exported - set(document)}"

    deleted = written_alone()
    assert {model.__tablename__ for model in deleted} >= {
        "action_drafts", "concerns", "pending_replies", "memberships", "dashboard_logins",
    }
    had_rows = [m for m in deleted if await bot.count(m, m.member_id == story.anna_id)]
    assert had_rows, "the story should give Anna rows in some of these tables"

    await bot.say(story.anna, story.anna, "/vergeetmij")
    await bot.press(story.anna, bot.telegram.last("sendMessage", story.anna.id), "Ja, vergeet mij")
    for model in deleted:
        assert await bot.count(model, model.member_id == story.anna_id) == 0, model.__tablename__
