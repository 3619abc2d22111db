"""A recording ``BaseRequest`` that answers the Bot API like Telegram does, and checks what the bot sends.

It keeps every call (method + parameters) for assertions and keeps the messages it "sent" so that tests can
press their buttons. It refuses what the real Bot API refuses: text over 4,096 characters, HTML that
Telegram's parser rejects, callback_data over 64 bytes, an edit to the same content ("message is not
modified"), a private message to a member who never started the bot (403). Failures can be scripted
with ``fail_next``.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Callable


from bot.domain import bot_api_rules
from bot.bridge.botapi import InProcessBotAPI, bot_api_refusal, bot_api_result

BOT_USER = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Brug",
    "username": "brug_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


class TelegramHTMLError(ValueError):
    pass


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text as Telegram would show it; raises like Telegram on bad HTML.

    The rules live once, in ``bot.domain.bot_api_rules``, which the shipped emulator and the bridges use too.
    """
    try:
        return bot_api_rules.visible_text(text, parse_mode)
    except bot_api_rules.BotAPIError as exc:
        raise TelegramHTMLError(exc.description) from exc


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    result: Any = None

    @property
    def message_id(self) -> int:
        return int(self.result["message_id"])

    @property
    def text(self) -> str | None:
        return self.params.get("text") or self.params.get("caption")

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard", [])

    def button_labels(self) -> list[str]:
        return [button["text"] for row in self.buttons() for button in row]


@dataclass
class ScriptedFailure:
    method: str
    status: int
    description: str
    retry_after: int | None = None
    times: int = 1
    migrate_to_chat_id: int | None = None


class BotAPIError(Exception):
    def __init__(
        self, status: int, description: str, retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id


class FakeTelegram(InProcessBotAPI):
    """Answers Bot API calls in memory and records them."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.administrators: dict[int, list[dict[str, Any]]] = {}
        # Members of each group (beyond its administrators), for getChatMember.
        self.chat_members: dict[int, set[int]] = {}
        # Users who have started the bot privately; others answer 403 like Telegram.
        self.started_users: set[int] = set()
        self.failures: list[ScriptedFailure] = []
        self._message_ids = itertools.count(1000)
        self._clock = clock or (lambda: datetime.now(UTC))

    # -- InProcessBotAPI
    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def answer(
        self, api_method: str, params: dict[str, Any], uploads: dict[str, tuple[str, bytes, str]]
    ) -> tuple[int, bytes]:
        call = Call(api_method, params, {name: upload[1] for name, upload in uploads.items()})
        try:
            failure = self._scripted_failure(api_method)
            if failure is not None:
                raise BotAPIError(
                    failure.status, failure.description, failure.retry_after, failure.migrate_to_chat_id
                )
            result = self._answer(call)
            call.result = result
        except BotAPIError as error:
            call.params["_error"] = error.description
            self.calls.append(call)
            return bot_api_refusal(
                error.status, error.description, error.retry_after,
                migrate_to_chat_id=error.migrate_to_chat_id,
            )
        self.calls.append(call)
        return bot_api_result(result)

    # -- scripting
    def fail_next(
        self, method: str, status: int, description: str, *, retry_after: int | None = None,
        times: int = 1, migrate_to_chat_id: int | None = None,
    ) -> None:
        self.failures.append(
            ScriptedFailure(method, status, description, retry_after, times, migrate_to_chat_id)
        )

    def _scripted_failure(self, method: str) -> ScriptedFailure | None:
        for failure in self.failures:
            if failure.method == method:
                failure.times -= 1
                if failure.times <= 0:
                    self.failures.remove(failure)
                return failure
        return None

    # -- answers
    def _answer(self, call: Call) -> Any:
        handler = getattr(self, f"_api_{call.method}", None)
        if handler is None:
            raise AssertionError(f"FakeTelegram does not know Bot API method {call.method}; add it")
        return handler(call.params, call)

    def _api_getMe(self, params: dict[str, Any], call: Call) -> Any:
        return BOT_USER

    def _api_setMyCommands(self, params: dict[str, Any], call: Call) -> Any:
        commands = params["commands"]
        if isinstance(commands, str):
            commands = json.loads(commands)
        for command in commands:
            if not COMMAND_NAME.match(command["command"]):
                raise BotAPIError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise BotAPIError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        return True

    def _api_deleteWebhook(self, params: dict[str, Any], call: Call) -> Any:
        return True

    def _api_setWebhook(self, params: dict[str, Any], call: Call) -> Any:
        return True

    def _api_getChatAdministrators(self, params: dict[str, Any], call: Call) -> Any:
        return self.administrators.get(int(params["chat_id"]), [])

    def _api_answerCallbackQuery(self, params: dict[str, Any], call: Call) -> Any:
        if len(params.get("text") or "") > 200:
            raise BotAPIError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_sendMessage(self, params: dict[str, Any], call: Call) -> Any:
        chat_id = int(params["chat_id"])
        self._check_reachable(chat_id)
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"), chat_id)
        self._check_someone_can_answer(chat_id, params)
        return self._store(chat_id, params)

    def _check_someone_can_answer(self, chat_id: int, params: dict[str, Any]) -> None:
        """Telegram accepts a selective ForceReply that targets nobody, and then shows the reply box to
        nobody: in a group such a question can never be answered. Brug must name the member first or
        reply to their own message (the Bot API's two targets), so this fake refuses the rest."""
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if chat_id > 0 or not isinstance(markup, dict) or not markup.get("force_reply"):
            return
        if not markup.get("selective"):
            return
        reply = params.get("reply_parameters")
        if isinstance(reply, str):
            reply = json.loads(reply)
        replied = self.messages.get((chat_id, int(reply["message_id"]))) if reply else None
        to_member = reply is not None and (replied is None or not replied.get("from", {}).get("is_bot"))
        named = re.match(r'^\s*<a href="tg://user\?id=\d+">', params.get("text") or "")
        if not (to_member or named):
            raise AssertionError(f"a selective question in a group that nobody can answer: {params.get('text')!r}")

    def _api_getChatMember(self, params: dict[str, Any], call: Call) -> Any:
        """Like Telegram: any user's status in the group, "left" for someone who is not in it."""
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        for admin in self.administrators.get(chat_id, []):
            if admin["user"]["id"] == user_id:
                return admin
        status = "member" if user_id in self.chat_members.get(chat_id, set()) else "left"
        return {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "?"}}

    def _api_sendDocument(self, params: dict[str, Any], call: Call) -> Any:
        chat_id = int(params["chat_id"])
        self._check_reachable(chat_id)
        if params.get("caption"):
            if len(visible_text(params["caption"], params.get("parse_mode"))) > 1024:
                raise BotAPIError(400, "Bad Request: message caption is too long")
        message = self._store(chat_id, params)
        message["document"] = {"file_id": f"doc{message['message_id']}", "file_unique_id": "u"}
        return message

    def _api_editMessageText(self, params: dict[str, Any], call: Call) -> Any:
        chat_id = int(params["chat_id"])
        key = (chat_id, int(params["message_id"]))
        if key not in self.messages:
            raise BotAPIError(400, "Bad Request: message to edit not found")
        self._check_text(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"), chat_id)
        message = self.messages[key]
        new_text = visible_text(params["text"], params.get("parse_mode"))
        new_markup = params.get("reply_markup")
        if message.get("text") == new_text and message.get("reply_markup") == new_markup:
            raise BotAPIError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        message["text"] = new_text
        message["html"] = params["text"]
        # Like Telegram: an edit without reply_markup removes the buttons.
        if new_markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = new_markup
        message["edit_date"] = int(self._clock().timestamp())
        return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any], call: Call) -> Any:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise BotAPIError(400, "Bad Request: message to edit not found")
        message = self.messages[key]
        if message.get("reply_markup") == params.get("reply_markup"):
            raise BotAPIError(400, "Bad Request: message is not modified")
        if params.get("reply_markup") is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _api_deleteMessage(self, params: dict[str, Any], call: Call) -> Any:
        self.messages.pop((int(params["chat_id"]), int(params["message_id"])), None)
        return True

    def _api_getUpdates(self, params: dict[str, Any], call: Call) -> Any:
        return []

    # -- checks
    def _check_reachable(self, chat_id: int) -> None:
        if chat_id > 0 and chat_id not in self.started_users:
            raise BotAPIError(403, "Forbidden: bot can't initiate conversation with a user")

    def _check_text(self, text: Any, parse_mode: str | None) -> None:
        if not text or not str(text).strip():
            raise BotAPIError(400, "Bad Request: message text is empty")
        try:
            shown = visible_text(str(text), parse_mode)
        except TelegramHTMLError as exc:
            raise BotAPIError(400, str(exc)) from exc
        if len(shown.encode("utf-16-le")) // 2 > 4096:
            raise BotAPIError(400, "Bad Request: message is too long")

    def _check_markup(self, markup: Any, chat_id: int) -> None:
        if not markup:
            return
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if not button.get("text"):
                    raise BotAPIError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise BotAPIError(400, "Bad Request: BUTTON_DATA_INVALID")
                web_app = button.get("web_app")
                if web_app is not None:
                    # Telegram: Web App buttons only in private chats, and only https pages.
                    if chat_id < 0:
                        raise BotAPIError(400, "Bad Request: BUTTON_TYPE_INVALID")
                    if not str(web_app.get("url", "")).startswith("https://"):
                        raise BotAPIError(
                            400, "Bad Request: inline keyboard button Web App URL is invalid: "
                            "Only HTTPS links are allowed",
                        )
                    continue
                if data is None and not button.get("url"):
                    raise BotAPIError(400, "Bad Request: can't parse inline keyboard button")

    def _store(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        message_id = next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(self._clock().timestamp()),
            "chat": _chat(chat_id),
            "from": BOT_USER,
        }
        if params.get("text") is not None:
            message["text"] = visible_text(str(params["text"]), params.get("parse_mode"))
            message["html"] = params["text"]
        if params.get("caption") is not None:
            message["caption"] = params["caption"]
        # Telegram's message only carries an inline keyboard; ForceReply is not echoed back.
        if (params.get("reply_markup") or {}).get("inline_keyboard"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message_id)] = message
        # Telegram's message JSON has no "html"; hand back a copy without it.
        return {k: v for k, v in message.items() if k != "html"}

    # -- reading back
    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        return [
            call
            for call in self.calls
            if call.method == method
            and "_error" not in call.params
            and (chat_id is None or call.chat_id == chat_id)
        ]

    def last(self, method: str = "sendMessage", chat_id: int | None = None) -> Call:
        calls = self.sent(method, chat_id)
        assert calls, f"no {method} to chat {chat_id}; calls were: {[c.method for c in self.calls]}"
        return calls[-1]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return self.messages[(chat_id, message_id)]

    def clear(self) -> None:
        self.calls.clear()


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "member"}
    return {"id": chat_id, "type": "supergroup", "title": "group"}


def unescape(text: str) -> str:
    return html.unescape(text)
