"""A small Telegram Bot API emulator on 127.0.0.1: try Brug, and test it end to end, without Telegram.

The bot talks to it as to Telegram (``BRUG_TELEGRAM_BASE_URL=http://127.0.0.1:<port>/bot``): ``getMe``,
``getUpdates`` (long polling), ``sendMessage``, ``editMessageText``, ``answerCallbackQuery``,
``sendDocument``, ``setMyCommands``, ``getChatAdministrators``, ``setWebhook``/``deleteWebhook`` and a
few more. Like Telegram it refuses HTML it cannot parse, texts over 4,096 characters, callback data over
64 bytes and private messages to people who never started the bot; in groups it delivers only commands
and replies to the bot's messages (privacy mode). With a webhook set, it POSTs each update there with
the secret token header instead of holding it for ``getUpdates``.

People are played through the control API (JSON):

- ``POST /control/message`` ``{"user": {...}, "chat": {...} | null, "text": "...", "reply_to_message_id": n}``
- ``POST /control/press`` ``{"user": {...}, "chat_id": n, "message_id": n, "label" | "data": "..."}``
- ``POST /control/join`` ``{"user": {...}, "chat": {...}, "admins": [user ids]}``: the bot is added to a group
- ``GET /control/sent?after=<seq>&timeout=<seconds>``: what the bot did since ``seq`` (waits for news)
- ``GET /control/state``: whether the bot is polling, the webhook, the number of queued updates

``brug try`` starts the emulator, starts Brug against it and gives you a console chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.domain.bot_api_rules import CAPTION_LIMIT, TEXT_LIMIT, BotAPIError, telegram_length, visible_text

log = logging.getLogger(__name__)

BOT_USER = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Brug",
    "username": "brug_emulator_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
JSON_PARAMETERS = {
    "reply_markup", "commands", "allowed_updates", "reply_parameters", "link_preview_options",
    "scope", "entities", "caption_entities",
}




@dataclass
class BotCall:
    """One thing the bot did (a Bot API call that changed what people see), for the control API."""

    seq: int
    method: str
    params: dict[str, Any]
    result: Any = None

    def json(self) -> dict[str, Any]:
        return {"seq": self.seq, "method": self.method, "params": self.params, "result": self.result}


@dataclass
class Emulator:
    """The emulated Telegram: chats, messages, the update queue and a log of what the bot did."""

    bot_user: dict[str, Any] = field(default_factory=lambda: dict(BOT_USER))
    updates: list[dict[str, Any]] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    calls: list[BotCall] = field(default_factory=list)
    started_users: set[int] = field(default_factory=set)
    administrators: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    webhook_url: str | None = None
    webhook_secret: str | None = None
    last_poll_at: float | None = None
    commands: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._call_seq = itertools.count(1)
        self._news = asyncio.Condition()
        self._delivery: asyncio.Queue[dict[str, Any]] | None = None
        self._deliverer: asyncio.Task[None] | None = None
        self._closing = False

    # ------------------------------------------------------------ people act

    async def user_message(
        self, user: dict[str, Any], text: str, *, chat: dict[str, Any] | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A person writes ``text`` privately (``chat`` None) or in a group chat."""
        user = _user(user)
        chat_json = self._chat(chat, user)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat_json,
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        replied = None
        if reply_to_message_id is not None:
            replied = self.messages.get((chat_json["id"], int(reply_to_message_id)))
            if replied is not None:
                message["reply_to_message"] = replied
        self.messages[(chat_json["id"], message["message_id"])] = message
        if chat_json["type"] == "private" and text.startswith("/start"):
            self.started_users.add(user["id"])
        is_group = chat_json["type"] != "private"
        addressed = text.startswith("/") or (
            replied is not None and replied.get("from", {}).get("id") == self.bot_user["id"]
        )
        result = {"message_id": message["message_id"], "update_id": None}
        if not is_group or addressed:  # privacy mode: the bot sees only what is meant for it
            result["update_id"] = await self._enqueue({"message": message})
        return result

    async def press(
        self, user: dict[str, Any], chat_id: int, message_id: int, *, label: str | None = None,
        data: str | None = None,
    ) -> dict[str, Any]:
        """A person presses a button (by label or callback data) on a message the bot sent."""
        user = _user(user)
        message = self.messages.get((int(chat_id), int(message_id)))
        if message is None:
            raise KeyError("no such message")
        if data is None:
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if button.get("text") == label and "callback_data" in button:
                        data = button["callback_data"]
            if data is None:
                raise KeyError(f"no button {label!r} on that message")
        update_id = await self._enqueue({
            "callback_query": {
                "id": str(next(self._callback_ids)),
                "from": user,
                "chat_instance": f"ci{chat_id}",
                "message": message,
                "data": data,
            }
        })
        return {"update_id": update_id}

    async def add_bot_to_group(
        self, user: dict[str, Any], chat: dict[str, Any], admins: list[int] | None = None
    ) -> dict[str, Any]:
        """``user`` adds the bot to the group ``chat``; ``admins`` are its administrators (first: creator)."""
        user = _user(user)
        chat_json = self._chat(chat, user)
        admin_ids = admins or [user["id"]]
        known = {user["id"]: user}
        self.administrators[chat_json["id"]] = [
            {
                "user": known.get(uid, {"id": uid, "is_bot": False, "first_name": f"Admin {uid}"}),
                "status": "creator" if i == 0 else "administrator",
                "is_anonymous": False,
                **({} if i == 0 else _ADMIN_RIGHTS),
            }
            for i, uid in enumerate(admin_ids)
        ]
        update_id = await self._enqueue({
            "my_chat_member": {
                "chat": chat_json,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"user": self.bot_user, "status": "left"},
                "new_chat_member": {"user": self.bot_user, "status": "member"},
            }
        })
        return {"update_id": update_id}

    def _chat(self, chat: dict[str, Any] | None, user: dict[str, Any]) -> dict[str, Any]:
        if chat is None:
            chat_json = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        else:
            chat_json = {"id": int(chat["id"]), "type": chat.get("type", "supergroup"),
                         "title": chat.get("title", "Groep")}
        self.chats[chat_json["id"]] = chat_json
        return chat_json

    async def _enqueue(self, body: dict[str, Any]) -> int:
        update = {"update_id": next(self._update_ids), **body}
        if self.webhook_url:
            assert self._delivery is not None
            await self._delivery.put(update)
        else:
            async with self._news:
                self.updates.append(update)
                self._news.notify_all()
        return update["update_id"]

    # ------------------------------------------------------------ webhook delivery

    def _start_delivery(self) -> None:
        if self._deliverer is None:
            self._delivery = asyncio.Queue()
            self._deliverer = asyncio.create_task(self._deliver())

    async def _deliver(self) -> None:
        assert self._delivery is not None
        async with httpx.AsyncClient(timeout=10) as client:
            while True:
                update = await self._delivery.get()
                for attempt in range(5):  # Telegram retries too
                    try:
                        headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook_secret or ""}
                        response = await client.post(self.webhook_url or "", json=update, headers=headers)
                        if response.status_code < 300:
                            break
                        log.warning("webhook answered %s", response.status_code)
                    except httpx.HTTPError as exc:
                        log.warning("webhook delivery failed: %s", type(exc).__name__)
                    await asyncio.sleep(0.2 * (attempt + 1))

    async def close(self) -> None:
        """Answer waiting long polls and stop delivering to a webhook."""
        self._closing = True
        async with self._news:
            self._news.notify_all()
        if self._deliverer is not None:
            self._deliverer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._deliverer

    # ------------------------------------------------------------ what the bot did

    async def _record(self, method: str, params: dict[str, Any], result: Any) -> None:
        async with self._news:
            self.calls.append(BotCall(next(self._call_seq), method, params, result))
            self._news.notify_all()

    async def sent_after(self, seq: int, timeout: float = 0) -> list[BotCall]:
        """The bot's calls after ``seq``; waits up to ``timeout`` seconds for the first one."""
        deadline = time.monotonic() + timeout
        async with self._news:
            while True:
                news = [call for call in self.calls if call.seq > seq]
                remaining = deadline - time.monotonic()
                if news or remaining <= 0:
                    return news
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._news.wait(), remaining)

    async def wait_for(
        self, method: str, *, chat_id: int | None = None, after: int = 0, timeout: float = 10,
    ) -> BotCall:
        """The first ``method`` call (to ``chat_id``) after ``after``; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            for call in await self.sent_after(after, max(0.0, deadline - time.monotonic())):
                after = call.seq
                if call.method == method and (
                    chat_id is None or _int(call.params.get("chat_id")) == chat_id
                ):
                    return call
            if time.monotonic() >= deadline:
                raise TimeoutError(f"the bot did not {method} (chat {chat_id}) in {timeout}s")

    async def settle(self, quiet: float = 0.15, timeout: float = 10) -> None:
        """Wait until the bot has done nothing for ``quiet`` seconds (it finished answering)."""
        deadline = time.monotonic() + timeout
        seq = self.last_seq
        while time.monotonic() < deadline:
            news = await self.sent_after(seq, quiet)
            if not news:
                return
            seq = news[-1].seq

    def last(self, method: str, chat_id: int, after: int = 0) -> BotCall | None:
        """The latest ``method`` call to ``chat_id`` after ``after``."""
        for call in reversed(self.calls):
            if call.seq <= after:
                break
            if call.method == method and _int(call.params.get("chat_id")) == chat_id:
                return call
        return None

    @property
    def last_seq(self) -> int:
        return self.calls[-1].seq if self.calls else 0

    # ------------------------------------------------------------ the Bot API

    async def api(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            raise BotAPIError(404, "Not Found: method not found")
        return await handler(params)

    async def api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook_url:
            raise BotAPIError(409, "Conflict: can't use getUpdates method while webhook is active")
        self.last_poll_at = time.monotonic()
        offset = _int(params.get("offset")) or 0
        timeout = min(float(params.get("timeout") or 0), 30.0)
        limit = _int(params.get("limit")) or 100
        deadline = time.monotonic() + timeout
        async with self._news:
            # An offset confirms every update before it.
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and not self._closing and time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._news.wait(), deadline - time.monotonic())
                self.last_poll_at = time.monotonic()
            return self.updates[:limit]

    async def api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = self.webhook_secret = None
        return True

    async def api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = params.get("url") or None
        self.webhook_secret = params.get("secret_token")
        if self.webhook_url:
            self._start_delivery()
            # Updates already waiting go out by webhook now.
            async with self._news:
                waiting, self.updates = self.updates, []
            for update in waiting:
                assert self._delivery is not None
                await self._delivery.put(update)
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": self.webhook_url or "", "has_custom_certificate": False,
                "pending_update_count": len(self.updates)}

    async def api_setMyCommands(self, params: dict[str, Any]) -> Any:
        for command in params.get("commands") or []:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise BotAPIError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands[params.get("language_code") or "default"] = params.get("commands")
        return True

    async def api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def api_setMyDescription(self, params: dict[str, Any]) -> Any:
        return True

    async def api_setMyShortDescription(self, params: dict[str, Any]) -> Any:
        return True

    async def api_getChatAdministrators(self, params: dict[str, Any]) -> Any:
        return self.administrators.get(_int(params.get("chat_id")) or 0, [])

    async def api_getChat(self, params: dict[str, Any]) -> Any:
        chat_id = _int(params.get("chat_id")) or 0
        if chat_id not in self.chats:
            raise BotAPIError(400, "Bad Request: chat not found")
        return self.chats[chat_id]

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if len(params.get("text") or "") > 200:
            raise BotAPIError(400, "Bad Request: MESSAGE_TOO_LONG")
        await self._record("answerCallbackQuery", params, True)
        return True

    async def api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = self._reachable(params)
        text = str(params.get("text") or "")
        if not text.strip():
            raise BotAPIError(400, "Bad Request: message text is empty")
        shown = visible_text(text, params.get("parse_mode"))
        if telegram_length(shown) > TEXT_LIMIT:
            raise BotAPIError(400, "Bad Request: message is too long")
        _check_markup(params.get("reply_markup"))
        message = self._store(chat_id, params, text=shown)
        await self._record("sendMessage", params, message)
        return message

    async def api_sendDocument(self, params: dict[str, Any]) -> Any:
        chat_id = self._reachable(params)
        caption = params.get("caption")
        shown = visible_text(str(caption), params.get("parse_mode")) if caption else None
        if shown and telegram_length(shown) > CAPTION_LIMIT:
            raise BotAPIError(400, "Bad Request: message caption is too long")
        message = self._store(chat_id, params, caption=shown)
        message["document"] = {
            "file_id": f"doc{message['message_id']}",
            "file_unique_id": f"u{message['message_id']}",
            "file_name": params.get("_filename") or "document",
        }
        await self._record("sendDocument", params, message)
        return message

    async def api_editMessageText(self, params: dict[str, Any]) -> Any:
        message = self._message(params)
        shown = visible_text(str(params.get("text") or ""), params.get("parse_mode"))
        if not shown.strip():
            raise BotAPIError(400, "Bad Request: message text is empty")
        _check_markup(params.get("reply_markup"))
        markup = params.get("reply_markup")
        if message.get("text") == shown and message.get("reply_markup") == markup:
            raise BotAPIError(400, "Bad Request: message is not modified")
        message["text"] = shown
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        await self._record("editMessageText", params, message)
        return message

    async def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        message = self._message(params)
        markup = params.get("reply_markup")
        if message.get("reply_markup") == markup:
            raise BotAPIError(400, "Bad Request: message is not modified")
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        await self._record("editMessageReplyMarkup", params, message)
        return message

    async def api_deleteMessage(self, params: dict[str, Any]) -> Any:
        self.messages.pop((_int(params.get("chat_id")) or 0, _int(params.get("message_id")) or 0), None)
        await self._record("deleteMessage", params, True)
        return True

    def _reachable(self, params: dict[str, Any]) -> int:
        chat_id = _int(params.get("chat_id"))
        if chat_id is None:
            raise BotAPIError(400, "Bad Request: chat_id is empty")
        if chat_id > 0 and chat_id not in self.started_users:
            raise BotAPIError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat_id

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (_int(params.get("chat_id")) or 0, _int(params.get("message_id")) or 0)
        if key not in self.messages:
            raise BotAPIError(400, "Bad Request: message to edit not found")
        return self.messages[key]

    def _store(self, chat_id: int, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat = self.chats.get(chat_id) or (
            {"id": chat_id, "type": "private", "first_name": "?"} if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "?"}
        )
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            **{k: v for k, v in content.items() if v is not None},
        }
        markup = params.get("reply_markup") or {}
        if markup.get("inline_keyboard"):
            message["reply_markup"] = markup
        self.messages[(chat_id, message["message_id"])] = message
        return message


_ADMIN_RIGHTS = dict(
    can_be_edited=False, can_manage_chat=True, can_delete_messages=True,
    can_manage_video_chats=False, can_restrict_members=True, can_promote_members=False,
    can_change_info=True, can_invite_users=True, can_post_stories=False,
    can_edit_stories=False, can_delete_stories=False,
)


def _check_markup(markup: Any) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if not button.get("text"):
                raise BotAPIError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise BotAPIError(400, "Bad Request: BUTTON_DATA_INVALID")


def _user(user: dict[str, Any]) -> dict[str, Any]:
    data = {"id": int(user["id"]), "is_bot": False, "first_name": user.get("first_name") or "Buur"}
    for key in ("username", "language_code", "last_name"):
        if user.get(key):
            data[key] = user[key]
    return data


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- HTTP


class BotAPIHandler(tornado.web.RequestHandler):
    """``/bot<token>/<method>``: form-encoded, multipart or JSON parameters, like Telegram accepts."""

    def initialize(self, emulator: Emulator) -> None:
        self.emulator = emulator

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        params = self._parameters()
        try:
            result = await self.emulator.api(method, params)
        except BotAPIError as error:
            self.set_status(error.status)
            self.finish({"ok": False, "error_code": error.status, "description": error.description})
            return
        self.finish(json.dumps({"ok": True, "result": result}))

    def _parameters(self) -> dict[str, Any]:
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            return json.loads(self.request.body)
        params: dict[str, Any] = {}
        arguments = {**self.request.query_arguments, **self.request.body_arguments}
        for name, values in arguments.items():
            value = values[-1].decode("utf-8")
            if name in JSON_PARAMETERS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            params[name] = value
        for name, files in self.request.files.items():
            params[name] = files[0].body
            params["_filename"] = files[0].filename
            params["_document_bytes"] = len(files[0].body)
        # Keep file bytes out of the control API's JSON.
        return {k: (f"<{len(v)} bytes>" if isinstance(v, bytes) else v) for k, v in params.items()}


class ControlHandler(tornado.web.RequestHandler):
    """The control API a test or a person uses to play the people in the chats."""

    def initialize(self, emulator: Emulator) -> None:
        self.emulator = emulator

    async def get(self, action: str) -> None:
        if action == "sent":
            after = int(self.get_query_argument("after", "0"))
            timeout = min(float(self.get_query_argument("timeout", "0")), 30.0)
            calls = await self.emulator.sent_after(after, timeout)
            self.finish({"calls": [call.json() for call in calls], "last": self.emulator.last_seq})
        elif action == "state":
            self.finish({
                "polling": self.emulator.last_poll_at is not None,
                "webhook": self.emulator.webhook_url,
                "queued_updates": len(self.emulator.updates),
            })
        else:
            self.send_error(404)

    async def post(self, action: str) -> None:
        try:
            body = json.loads(self.request.body or b"{}")
            if action == "message":
                result = await self.emulator.user_message(
                    body["user"], body["text"], chat=body.get("chat"),
                    reply_to_message_id=body.get("reply_to_message_id"),
                )
            elif action == "press":
                result = await self.emulator.press(
                    body["user"], body["chat_id"], body["message_id"], label=body.get("label"),
                    data=body.get("data"),
                )
            elif action == "join":
                result = await self.emulator.add_bot_to_group(
                    body["user"], body["chat"], body.get("admins")
                )
            else:
                self.send_error(404)
                return
        except (KeyError, ValueError, TypeError) as exc:
            self.set_status(400)
            self.finish({"error": str(exc)})
            return
        self.finish(result)


class EmulatorServer:
    """The emulator's HTTP server on 127.0.0.1 (``port=0``: a free port)."""

    def __init__(self, emulator: Emulator | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.emulator = emulator or Emulator()
        self.host = host
        self.port = port
        self._server: tornado.httpserver.HTTPServer | None = None

    @property
    def base_url(self) -> str:
        """What to put in ``BRUG_TELEGRAM_BASE_URL``."""
        return f"http://{self.host}:{self.port}/bot"

    async def start(self) -> int:
        app = tornado.web.Application([
            (r"/bot([^/]+)/([A-Za-z]+)", BotAPIHandler, {"emulator": self.emulator}),
            (r"/control/([a-z]+)", ControlHandler, {"emulator": self.emulator}),
        ])
        sockets = tornado.netutil.bind_sockets(self.port, self.host)
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        await self.emulator.close()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


def plain(text: str) -> str:
    """A message as a console shows it."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


# ---------------------------------------------------------------- brug try: a console chat


class ConsoleChat:
    """One person talking to Brug through the emulator, in a private chat and a test group.

    It is steered with the words ``brug demo`` uses (``bot.bridge.console.control_word``): /groep, /prive,
    /hulp, /stop, with ":" in front as well; its own sentences come from ``prompts/<lang>/demo.ftl``.
    """

    def __init__(self, emulator: Emulator, name: str, out: Any, *, lang: str = "nl") -> None:
        from bot.domain.i18n import normalise_language, translator

        self.emulator = emulator
        self.lang = normalise_language(lang)
        self.translator = translator()
        self.user = {"id": 1001, "first_name": name, "language_code": "nl"}
        self.group = {"id": -1001001, "type": "supergroup", "title": "Proefgroep"}
        self.in_group = False
        self.group_added = False
        self.out = out
        self.seq = 0
        # Per chat: the latest message with buttons, and a question waiting for a typed reply.
        self.with_buttons: dict[int, dict[str, Any]] = {}
        self.asking: dict[int, int] = {}

    @property
    def chat_id(self) -> int:
        return self.group["id"] if self.in_group else self.user["id"]

    def words(self, message_id: str, **args: Any) -> str:
        """One of the console's own sentences, as plain text."""
        return plain(self.translator.text(self.lang, message_id, **args))

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the person wants to stop."""
        from bot.bridge.console import control_word

        line = line.strip()
        control = control_word(line)
        if control is not None:
            word, _ = control
            if word == "stop":
                return False
            if word == "groep":
                await self.to_group()
            elif word == "prive":
                self.in_group = False
                self.print(self.words("try-now-private"))
            elif word == "hulp":
                self.print(self.words("try-help"))
            else:  # /als, /tijd, /duim: the demo's, with its three members and its clock
                self.print(self.words("try-demo-only", word=f"/{word}"))
        elif line.isdigit() and self.chat_id in self.with_buttons:
            await self.press(int(line))
        elif line:
            reply_to = self.asking.pop(self.chat_id, None) if not line.startswith("/") else None
            await self.emulator.user_message(
                self.user, line, chat=self.group if self.in_group else None,
                reply_to_message_id=reply_to,
            )
        return True

    async def to_group(self) -> None:
        """Into the test group; the first time, the person adds Brug to it."""
        self.in_group = True
        if not self.group_added:
            self.group_added = True
            await self.emulator.add_bot_to_group(self.user, self.group, [self.user["id"]])
        self.print(self.words("try-now-in-group", group=self.group["title"]))

    async def press(self, number: int) -> None:
        message = self.with_buttons[self.chat_id]
        buttons = [b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
        if not 1 <= number <= len(buttons):
            self.print("(die knop is er niet)")
            return
        button = buttons[number - 1]
        if "url" in button:
            await self.follow(button["url"])
            return
        await self.emulator.press(self.user, self.chat_id, message["message_id"], data=button["callback_data"])

    async def follow(self, url: str) -> None:
        """Tapping a link button: a deep link opens the private chat and starts Brug, as Telegram does."""
        query = parse_qs(urlsplit(url).query)
        if "start" in query:
            self.in_group = False
            self.print(self.words("try-now-private"))
            await self.emulator.user_message(self.user, f"/start {query['start'][0]}", chat=None)
        elif "startgroup" in query:
            await self.to_group()
        else:
            self.print(f"(een link: {url})")

    async def show_what_the_bot_does(self) -> None:
        """Print each message Brug sends or edits, with its buttons numbered."""
        while True:
            for call in await self.emulator.sent_after(self.seq, 30):
                self.seq = call.seq
                self.show(call)

    def show(self, call: BotCall) -> None:
        message = call.result if isinstance(call.result, dict) else {}
        chat_id = _int(call.params.get("chat_id"))
        where = "groep" if chat_id is not None and chat_id < 0 else "privé"
        if call.method == "answerCallbackQuery":
            if call.params.get("text"):
                self.print(f"[melding] {call.params['text']}")
            return
        text = message.get("text") or message.get("caption") or ""
        if call.method == "sendDocument":
            text = f"(bestand: {call.params.get('_filename', 'document')}) {text}"
        if call.method in ("sendMessage", "editMessageText", "sendDocument") and text:
            edited = " (aangepast)" if call.method == "editMessageText" else ""
            self.print(f"\nBrug ({where}){edited}:\n{text}")
        markup = call.params.get("reply_markup") or {}
        if markup.get("force_reply") and chat_id is not None:
            self.asking[chat_id] = message.get("message_id", 0)
        buttons = [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
        if buttons and chat_id is not None:
            self.with_buttons[chat_id] = message
            self.print("  " + "   ".join(f"[{i}] {label}" for i, label in enumerate(buttons, 1)))

    def print(self, text: str) -> None:
        print(text, file=self.out, flush=True)


async def try_locally(env: dict[str, str], *, name: str = "Jij", log_path: str = "brug-try.log",
                      lines: Any = None, out: Any = None) -> int:
    """``brug try``: the emulator, Brug as a subprocess against it, and a console chat.

    ``lines`` (an async iterator of typed lines) and ``out`` replace the keyboard and the screen.
    """
    import os
    import sys

    server = EmulatorServer()
    await server.start()
    out = out or sys.stdout
    console = ConsoleChat(server.emulator, name, out)
    child_env = {**os.environ, **env, "BRUG_TELEGRAM_BASE_URL": server.base_url}
    child_env.setdefault("BRUG_TELEGRAM_TOKEN", "1000001:brug-try")
    with open(log_path, "ab") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=child_env, stdout=log_file, stderr=log_file,
        )
    printer = asyncio.create_task(console.show_what_the_bot_does())
    console.print(console.words("try-welcome") + "\n" + console.words("try-help") + "\n")
    try:
        async for line in lines or _keyboard_lines():
            if not await console.handle(line):
                break
            await asyncio.sleep(0)
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()
        # Let the last answers be shown before the printer stops.
        await asyncio.sleep(0.1)
        printer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await printer
        await server.stop()
    return 0


async def _keyboard_lines() -> Any:
    import sys

    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        yield line
