"""Drive the real Application with real update JSON and read back what the bot sent and stored.

Usage in a test::

    async def test_x(bot):
        anna = bot.user(101, "Anna")
        group = bot.group(-1001, "De BinnenHaven")
        await bot.add_bot_to(group, by=anna)
        await bot.command(group, anna, "/actie Soep koken")
        call = bot.telegram.last("sendMessage", group.id)
        await bot.press(anna, call, "Plaatsen")
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application

from bot.domain.clock import FixedClock
from storage.db import Database
from tests.fake_telegram import BOT_USER, Call, FakeTelegram


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "nl"

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class GroupChat:
    id: int
    title: str

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "type": "supergroup", "title": self.title}


class UpdateFactory:
    """Builds update JSON as Telegram sends it."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)

    def _date(self) -> int:
        return int(self.clock.now().timestamp())

    def _message(
        self, chat: dict[str, Any], user: User, text: str, reply_to: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": self._date(),
            "chat": chat,
            "from": user.json(),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    def message(
        self,
        chat: GroupChat | User,
        user: User,
        text: str,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        chat_json = (
            chat.json()
            if isinstance(chat, GroupChat)
            else {"id": user.id, "type": "private", "first_name": user.first_name}
        )
        return {
            "update_id": next(self._update_ids),
            "message": self._message(chat_json, user, text, reply_to),
        }

    def callback(self, user: User, message: dict[str, Any], data: str) -> dict[str, Any]:
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._callback_ids)),
                "from": user.json(),
                "chat_instance": "ci",
                "message": message,
                "data": data,
            },
        }

    def my_chat_member(
        self, chat: GroupChat | User, by: User, old_status: str, new_status: str
    ) -> dict[str, Any]:
        chat_json = (
            chat.json()
            if isinstance(chat, GroupChat)
            else {"id": by.id, "type": "private", "first_name": by.first_name}
        )

        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"user": BOT_USER, "status": status}
            if status == "administrator":
                data.update(
                    can_be_edited=False, is_anonymous=False, can_manage_chat=True,
                    can_delete_messages=False, can_manage_video_chats=False,
                    can_restrict_members=False, can_promote_members=False, can_change_info=False,
                    can_invite_users=True, can_post_stories=False, can_edit_stories=False,
                    can_delete_stories=False,
                )
            if status == "kicked":
                data["until_date"] = 0
            return data

        return {
            "update_id": next(self._update_ids),
            "my_chat_member": {
                "chat": chat_json,
                "from": by.json(),
                "date": self._date(),
                "old_chat_member": member(old_status),
                "new_chat_member": member(new_status),
            },
        }


    def chat_member(
        self, chat: GroupChat, by: User, user: User, old: dict[str, Any], new: dict[str, Any]
    ) -> dict[str, Any]:
        """``chat_member``: someone else's place in a group changed (Bot API ``ChatMemberUpdated``;
        Telegram sends it only to a bot that administers the group)."""
        return {
            "update_id": next(self._update_ids),
            "chat_member": {
                "chat": chat.json(),
                "from": by.json(),
                "date": self._date(),
                "old_chat_member": old,
                "new_chat_member": new,
            },
        }


def chat_member_json(user: dict[str, Any], status: str, *, is_member: bool = True) -> dict[str, Any]:
    """A ``ChatMember`` as the Bot API gives it, with the fields its kind requires
    (ChatMemberOwner, -Administrator, -Member, -Restricted, -Left, -Banned)."""
    data: dict[str, Any] = {"user": user, "status": status}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update(is_anonymous=False, **_admin_rights())
    elif status == "restricted":
        data.update(
            is_member=is_member, can_send_messages=False, can_send_audios=False,
            can_send_documents=False, can_send_photos=False, can_send_videos=False,
            can_send_video_notes=False, can_send_voice_notes=False, can_send_polls=False,
            can_send_other_messages=False, can_add_web_page_previews=False, can_change_info=False,
            can_invite_users=False, can_pin_messages=False, can_manage_topics=False,
            can_edit_tag=False, can_react_to_messages=False, until_date=0,
        )
    elif status == "kicked":
        data["until_date"] = 0
    return data


class BotHarness:
    """The real Application wired to a FakeTelegram, a database and a fixed clock."""

    def __init__(
        self, application: Application, telegram: FakeTelegram, database: Database, clock: FixedClock
    ) -> None:
        self.app = application
        self.telegram = telegram
        self.db = database
        self.clock = clock
        self.updates = UpdateFactory(clock)

    # -- people and chats
    def user(
        self, user_id: int, first_name: str, *, started: bool = False, language_code: str = "nl",
        username: str | None = None,
    ) -> User:
        if started:
            self.telegram.started_users.add(user_id)
        return User(user_id, first_name, username, language_code)

    def group(self, chat_id: int, title: str, *, admins: list[User] | None = None) -> GroupChat:
        group = GroupChat(chat_id, title)
        # Buttons pressed on the bot's messages carry the group's real chat (title included).
        self.__dict__.setdefault("group_chats", {})[chat_id] = group.json()
        self.telegram.administrators[chat_id] = [
            {"user": admin.json(), "status": "creator" if i == 0 else "administrator",
             "is_anonymous": False, **({} if i == 0 else _admin_rights())}
            for i, admin in enumerate(admins or [])
        ]
        return group

    # -- sending updates
    async def feed(self, update_json: dict[str, Any]) -> Update:
        update = Update.de_json(update_json, self.app.bot)
        await self.app.process_update(update)
        return update

    async def say(
        self, chat: GroupChat | User, user: User, text: str, *, reply_to: Call | dict | None = None
    ) -> Update:
        """A text message (commands included) from ``user`` in ``chat`` (a group or the private chat)."""
        reply_json = self._message_json(reply_to) if reply_to is not None else None
        return await self.feed(self.updates.message(chat, user, text, reply_json))

    async def start_private(self, user: User, payload: str | None = None) -> Update:
        """The member opens the private chat with Brug (``/start`` or a deep link)."""
        self.telegram.started_users.add(user.id)
        return await self.say(user, user, f"/start {payload}" if payload else "/start")

    async def press(self, user: User, message: Call | dict, label_or_data: str) -> Update:
        """Press a button (by its label, or by its callback_data) on a message the bot sent."""
        message_json = self._message_json(message)
        data = None
        for row in (message_json.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if label_or_data in (button.get("text"), button.get("callback_data")):
                    data = button.get("callback_data")
        assert data is not None, (
            f"no button {label_or_data!r} on message: "
            f"{[b.get('text') for r in (message_json.get('reply_markup') or {}).get('inline_keyboard', []) for b in r]}"
        )
        return await self.feed(self.updates.callback(user, message_json, data))

    async def press_data(self, user: User, message: Call | dict, data: str) -> Update:
        """Send a callback with any data (forged or stale) for a message the bot sent."""
        return await self.feed(self.updates.callback(user, self._message_json(message), data))

    async def add_bot_to(self, group: GroupChat, by: User, *, status: str = "member") -> Update:
        return await self.feed(self.updates.my_chat_member(group, by, "left", status))

    async def remove_bot_from(self, group: GroupChat, by: User) -> Update:
        return await self.feed(self.updates.my_chat_member(group, by, "member", "kicked"))

    async def change_member(
        self, group: GroupChat, user: User, old: str, new: str, *, by: User | None = None,
        is_member: bool = True,
    ) -> Update:
        """Telegram changes ``user``'s status in ``group`` (``old`` → ``new``: creator, administrator,
        member, restricted, left, kicked) and sends the ``chat_member`` update; the fake's
        getChatAdministrators and getChatMember answer the new status from then on."""
        user_json = user.json()
        admins = [a for a in self.telegram.administrators.get(group.id, []) if a["user"]["id"] != user.id]
        if new in ("creator", "administrator"):
            admins.append(chat_member_json(user_json, new))
        self.telegram.administrators[group.id] = admins
        members = self.telegram.chat_members.setdefault(group.id, set())
        if new in ("member", "restricted") and is_member:
            members.add(user.id)
        else:
            members.discard(user.id)
        return await self.feed(
            self.updates.chat_member(
                group, by or user, user, chat_member_json(user_json, old),
                chat_member_json(user_json, new, is_member=is_member),
            )
        )

    def _message_json(self, message: Call | dict) -> dict[str, Any]:
        """The current state of a message the bot sent (after edits), as Telegram would deliver it."""
        if isinstance(message, Call):
            assert message.result is not None, f"{message.method} failed: {message.params}"
            key = (message.chat_id, message.message_id)
            assert key in self.telegram.messages, "that message was deleted"
            message = self.telegram.messages[key]
        message = {k: v for k, v in message.items() if not k.startswith("_") and k != "html"}
        chat = self.__dict__.get("group_chats", {}).get(message.get("chat", {}).get("id"))
        return {**message, "chat": chat} if chat else message

    # -- reading back
    def texts(self, chat_id: int, method: str = "sendMessage") -> list[str]:
        return [call.text or "" for call in self.telegram.sent(method, chat_id)]

    def last_text(self, chat_id: int) -> str:
        return self.telegram.last("sendMessage", chat_id).text or ""

    async def rows(self, model: type, *where: Any) -> list[Any]:
        async with self.db.sessionmaker() as session:
            return list((await session.scalars(select(model).where(*where))).all())

    async def count(self, model: type, *where: Any) -> int:
        async with self.db.sessionmaker() as session:
            return await session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def now(self) -> datetime:
        return self.clock.now()


def _admin_rights() -> dict[str, Any]:
    return dict(
        can_be_edited=False, can_manage_chat=True, can_delete_messages=True,
        can_manage_video_chats=False, can_restrict_members=True, can_promote_members=False,
        can_change_info=True, can_invite_users=True, can_post_stories=False,
        can_edit_stories=False, can_delete_stories=False,
    )


def dead_database_url(db_kind: str, tmp_path: Any) -> str:
    """A database URL of the same kind that cannot be reached (to play "the database is down")."""
    if db_kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/no-such-directory/brug.db"
    # Port 1 on localhost: nothing listens there, the connection is refused at once.
    return "postgresql+asyncpg://postgres@127.0.0.1:1/brug"


def break_welcome_once(monkeypatch: Any) -> None:
    """The next /start fails in its handler, before anything is said or stored (a bug, not Telegram)."""
    import handlers.start

    real_welcome = handlers.start.welcome
    broken = [True]

    def welcome_breaking_once(*args: Any, **kwargs: Any) -> Any:
        if broken:
            broken.clear()
            raise RuntimeError("a bug in the handler")
        return real_welcome(*args, **kwargs)

    monkeypatch.setattr(handlers.start, "welcome", welcome_breaking_once)
