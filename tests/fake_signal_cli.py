"""A fake signal-cli daemon (``signal-cli -a ACCOUNT daemon --http``) for tests, speaking the documented messages.

It serves, on 127.0.0.1 and a free port, in the test's own event loop:

- ``POST /api/v1/rpc``: JSON-RPC 2.0, one request or a batch: ``send`` (recipient or groupId, message,
  quoteTimestamp/quoteAuthor, editTimestamp, attachments as data URIs), ``remoteDelete``, ``sendReaction``,
  ``listGroups``, ``updateGroup`` (accepting an invitation); any other method → -32601. Errors look like
  signal-cli's: code -1 with its exception's message ("Group not found: ...", "User is not a member in
  group: ...", "The user +31... is not registered.").
- ``GET /api/v1/events``: Server-Sent Events ``event:receive\\ndata:{"envelope":...,"account":...}`` as
  signal-cli's ``HttpServerHandler`` writes them: **no ``id:`` lines, and ``Last-Event-ID`` is ignored**
  (nothing is replayed after a reconnect), with a ``:`` keep-alive line when a client connects. What is
  received while no client listens depends on the daemon's ``--receive-mode``: ``on-start`` (signal-cli's
  default) takes it from Signal's server and hands it to nobody — it is lost; ``on-connection`` (what the
  README's command uses) leaves it on Signal's server until a client connects, then delivers it.
- ``GET /api/v1/check``: 200.

Tests play the members with ``member_says``, ``member_reacts``, ``member_joins``, ``member_leaves``,
``add_brug_to_group``..., read what Brug sent in ``sent`` and wait for it with ``wait_for_sent``. Signal
timestamps (milliseconds) only ever increase. ``BrugOnSignal`` runs Brug's whole Application on a
SignalTransport against the fake and returns from each member's move once Brug has handled it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import time
import uuid as uuid_module
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.iostream
import tornado.netutil
import tornado.web

BRUG_NUMBER = "+31600000001"
KEPT_EVENTS = 1000


def uuid_for(number: str) -> str:
    """A stable ACI for a fake member."""
    return str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, f"signal:{number}"))


@dataclass(frozen=True)
class Attachment:
    filename: str | None
    mime_type: str
    content: bytes


@dataclass
class SentMessage:
    """One call Brug made that delivers something: send (also an edit), remoteDelete, sendReaction."""

    method: str
    timestamp: int
    group_id: str | None = None
    recipients: tuple[str, ...] = ()
    message: str = ""
    quote_timestamp: int | None = None
    quote_author: str | None = None
    edit_timestamp: int | None = None
    target_timestamp: int | None = None
    emoji: str | None = None
    attachments: tuple[Attachment, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_edit(self) -> bool:
        return self.edit_timestamp is not None

    @property
    def conversation(self) -> str:
        """The group id, or the one recipient."""
        return self.group_id or (self.recipients[0] if self.recipients else "")


@dataclass
class FakeGroup:
    group_id: str
    name: str
    members: list[str]
    admins: list[str]
    pending: list[str] = field(default_factory=list)
    revision: int = 1


class RpcError(Exception):
    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.error = {"code": code, "message": message, "data": data}


class FakeSignalCli:
    """The fake daemon; ``await start()`` then point a SignalTransport at ``rpc_url``."""

    def __init__(
        self, account: str = BRUG_NUMBER, *, member_format: str = "objects", receive_mode: str = "on-connection"
    ) -> None:
        self.account = account
        self.receive_mode = receive_mode
        # Messages waiting on Signal's server while no client listens (``on-connection`` only).
        self.waiting_on_server: list[tuple[str, str]] = []
        self.streams_refused = False
        # listGroups shows members as {number, uuid} objects (newer signal-cli) or as plain numbers.
        self.member_format = member_format
        self.groups: dict[str, FakeGroup] = {}
        self.names: dict[str, str] = {}
        self.unregistered: set[str] = set()
        self.hidden_numbers: set[str] = set()
        self.sent: list[SentMessage] = []
        self.calls: list[dict[str, Any]] = []
        self.events: deque[tuple[str, str]] = deque(maxlen=KEPT_EVENTS)
        self._event_ids = itertools.count(1)
        self._last_timestamp = int(time.time() * 1000)
        self._authors: dict[int, str] = {}
        self._failures: dict[str, list[dict[str, Any]]] = {}
        self._listeners: set[asyncio.Queue[tuple[str, str] | None]] = set()
        self._sent_changed = asyncio.Event()
        self._listener_changed = asyncio.Event()
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    # ------------------------------------------------------------------ life cycle

    async def start(self, port: int = 0) -> FakeSignalCli:
        """Listen on ``port`` (a free one by default; the old one again to play a restarted daemon)."""
        sockets = tornado.netutil.bind_sockets(port, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        app = tornado.web.Application(
            [
                (r"/api/v1/rpc", _RpcHandler, {"fake": self}),
                (r"/api/v1/events", _EventsHandler, {"fake": self}),
                (r"/api/v1/check", _CheckHandler),
            ]
        )
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        return self

    async def stop(self) -> None:
        self.drop_connections()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def rpc_url(self) -> str:
        return f"{self.base_url}/api/v1/rpc"

    # ------------------------------------------------------------------ test API: the world

    def next_timestamp(self) -> int:
        self._last_timestamp = max(int(time.time() * 1000), self._last_timestamp + 1)
        return self._last_timestamp

    def add_group(
        self,
        group_id: str,
        name: str,
        members: list[str],
        admins: list[str] | None = None,
        *,
        with_brug: bool = True,
    ) -> FakeGroup:
        """A group signal-cli knows; Brug is a member unless ``with_brug=False``."""
        people = list(members) + ([self.account] if with_brug and self.account not in members else [])
        group = FakeGroup(group_id, name, people, list(admins or []))
        self.groups[group_id] = group
        return group

    def fail_next(self, method: str, error: dict[str, Any]) -> None:
        """The next call of ``method`` answers with this JSON-RPC error ({code, message, data})."""
        self._failures.setdefault(method, []).append(error)

    # ------------------------------------------------------------------ test API: members act

    def member_says(
        self,
        number: str,
        name: str | None,
        text: str,
        group_id: str | None = None,
        quote: int | str | None = None,
        mentions: list[dict[str, Any]] | None = None,
    ) -> int:
        """A member writes to Brug (privately) or in a group; returns the message's timestamp."""
        data_message: dict[str, Any] = {"message": text}
        if quote is not None:
            quoted = int(quote)
            author = self._authors.get(quoted, self.account)
            data_message["quote"] = {
                "id": quoted,
                "author": author,
                "authorNumber": author,
                "authorUuid": uuid_for(author),
                "text": self._text_of(quoted),
                "attachments": [],
            }
        if mentions:
            data_message["mentions"] = mentions
        return self._member_data_message(number, name, data_message, group_id)

    def mention_brug(self, start: int = 0) -> dict[str, Any]:
        """A mention of Brug, as Signal puts it in ``mentions`` (the text has U+FFFC at ``start``)."""
        return self.mention(self.account, start)

    def mention(self, number: str, start: int) -> dict[str, Any]:
        """A mention as signal-cli writes it (``JsonMention.from``): its deprecated ``name`` is the
        address's legacy identifier — the phone number, or the account id — never a profile name."""
        return {"name": number, "number": number, "uuid": uuid_for(number), "start": start, "length": 1}

    def member_reacts(
        self,
        number: str,
        emoji: str,
        target_timestamp: int | str,
        group_id: str | None = None,
        remove: bool = False,
        name: str | None = None,
    ) -> int:
        target = int(target_timestamp)
        author = self._authors.get(target, self.account)
        reaction = {
            "emoji": emoji,
            "targetAuthor": author,
            "targetAuthorNumber": author,
            "targetAuthorUuid": uuid_for(author),
            "targetSentTimestamp": target,
            "isRemove": remove,
        }
        return self._member_data_message(number, name, {"reaction": reaction}, group_id)

    def member_joins(self, number: str, group_id: str, name: str | None = None, *, added_by: str | None = None) -> int:
        """A member is added (by ``added_by``) or joins by link: a group UPDATE from that person."""
        group = self.groups[group_id]
        if number not in group.members:
            group.members.append(number)
        return self._group_update(added_by or number, name if added_by is None else None, group)

    def member_leaves(self, number: str, group_id: str, name: str | None = None, *, legacy_quit: bool = False) -> int:
        """A member leaves: an UPDATE from them (groups v2), or a QUIT (``legacy_quit``, groups v1)."""
        group = self.groups[group_id]
        if number in group.members:
            group.members.remove(number)
        if number in group.admins:
            group.admins.remove(number)
        if legacy_quit:
            return self._member_data_message(
                number, name, {"groupInfo": self._group_info(group, "QUIT")}, None, group_info_set=True
            )
        return self._group_update(number, name, group)

    def add_brug_to_group(self, group_id: str, name: str, members: list[str], admins: list[str] | None = None,
                          *, added_by: str, invited: bool = False) -> int:
        """Someone adds Brug to a (new) group; ``invited``: as a pending member that must accept."""
        group = self.add_group(group_id, name, members, admins, with_brug=not invited)
        if invited:
            group.pending.append(self.account)
        return self._group_update(added_by, None, group)

    def remove_brug_from_group(self, group_id: str, *, removed_by: str) -> int:
        group = self.groups[group_id]
        if self.account in group.members:
            group.members.remove(self.account)
        return self._group_update(removed_by, None, group)

    def push_envelope(self, envelope: dict[str, Any], *, account: str | None = None) -> str:
        """Any envelope, as is (receipts, typing, sync messages...); returns the event id."""
        return self.push_raw(json.dumps({"envelope": envelope, "account": account or self.account}))

    def push_raw(self, data: str, *, event: str = "receive") -> str:
        """An event with any data, also broken data."""
        event_id = str(next(self._event_ids))  # the fake's own bookkeeping; signal-cli sends no ids
        self.events.append((event_id, f"event:{event}\ndata:{data}\n\n"))
        if not self._listeners:
            if self.receive_mode == "on-connection":
                self.waiting_on_server.append(self.events[-1])
            return event_id  # on-start: received from Signal's server and handed to nobody
        for queue in list(self._listeners):
            queue.put_nowait(self.events[-1])
        return event_id

    @contextlib.asynccontextmanager
    async def stream_down(self) -> Any:
        """While inside: every event stream closed and new ones refused (Brug's stream is down)."""
        self.streams_refused = True
        self.drop_connections()
        await self.wait_for_no_listener()
        try:
            yield
        finally:
            self.streams_refused = False

    async def wait_for_no_listener(self, timeout: float = 10.0) -> None:
        async def none_left() -> None:
            while self._listeners:
                self._listener_changed.clear()
                await self._listener_changed.wait()

        await asyncio.wait_for(none_left(), timeout)

    def drop_connections(self) -> None:
        """Close every event stream (the network hiccups); clients reconnect (signal-cli replays nothing)."""
        for queue in list(self._listeners):
            queue.put_nowait(None)

    # ------------------------------------------------------------------ test API: what Brug did

    async def wait_for_sent(
        self, predicate: Callable[[SentMessage], bool] = lambda sent: True, timeout: float = 10.0
    ) -> SentMessage:
        """The first recorded call (in order) that matches; waits for one to come."""
        async def first_match() -> SentMessage:
            while True:
                for sent in self.sent:
                    if predicate(sent):
                        return sent
                self._sent_changed.clear()
                await self._sent_changed.wait()

        return await asyncio.wait_for(first_match(), timeout)

    async def wait_for_new_sent(
        self, predicate: Callable[[SentMessage], bool] = lambda sent: True, *, after: int, timeout: float = 10.0
    ) -> SentMessage:
        """Like ``wait_for_sent``, among the calls after the first ``after`` (``len(fake.sent)`` before)."""
        async def first_match() -> SentMessage:
            while True:
                for sent in self.sent[after:]:
                    if predicate(sent):
                        return sent
                self._sent_changed.clear()
                await self._sent_changed.wait()

        return await asyncio.wait_for(first_match(), timeout)

    async def wait_for_listener(self, count: int = 1, timeout: float = 10.0) -> None:
        """Until ``count`` clients listen to the event stream."""
        async def enough() -> None:
            while len(self._listeners) < count:
                self._listener_changed.clear()
                await self._listener_changed.wait()

        await asyncio.wait_for(enough(), timeout)

    def texts_to(self, conversation: str) -> list[str]:
        return [s.message for s in self.sent if s.method == "send" and s.conversation == conversation]

    # ------------------------------------------------------------------ envelopes

    def _source(self, number: str, name: str | None) -> dict[str, Any]:
        if name:
            self.names[number] = name
        hidden = number in self.hidden_numbers
        return {
            "source": uuid_for(number) if hidden else number,
            "sourceNumber": None if hidden else number,
            "sourceUuid": uuid_for(number),
            "sourceName": self.names.get(number, ""),
            "sourceDevice": 1,
        }

    def _group_info(self, group: FakeGroup, kind: str) -> dict[str, Any]:
        return {"groupId": group.group_id, "groupName": group.name, "revision": group.revision, "type": kind}

    def _member_data_message(
        self, number: str, name: str | None, data_message: dict[str, Any], group_id: str | None,
        *, group_info_set: bool = False,
    ) -> int:
        timestamp = self.next_timestamp()
        self._authors[timestamp] = number
        message = {"timestamp": timestamp, "expiresInSeconds": 0, "viewOnce": False, **data_message}
        if group_id is not None and not group_info_set:
            message["groupInfo"] = self._group_info(self.groups[group_id], "DELIVER")
        envelope = {
            **self._source(number, name),
            "timestamp": timestamp,
            "serverReceivedTimestamp": timestamp + 3,
            "serverDeliveredTimestamp": timestamp + 5,
            "dataMessage": message,
        }
        self.push_envelope(envelope)
        return timestamp

    def _group_update(self, number: str, name: str | None, group: FakeGroup) -> int:
        group.revision += 1
        return self._member_data_message(
            number, name, {"groupInfo": self._group_info(group, "UPDATE")}, None, group_info_set=True
        )

    def _text_of(self, timestamp: int) -> str:
        for sent in self.sent:
            if sent.timestamp == timestamp:
                return sent.message
        return ""

    # ------------------------------------------------------------------ JSON-RPC

    def handle_rpc(self, request: Any) -> dict[str, Any] | None:
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0":
            return {"jsonrpc": "2.0", "id": None,
                    "error": {"code": -32600, "message": "invalid request", "data": None}}
        if not request.get("method"):
            return {"jsonrpc": "2.0", "id": request.get("id"),
                    "error": {"code": -32600, "message": "method field must be set", "data": None}}
        method, request_id = request["method"], request.get("id")
        params = request.get("params") or {}
        self.calls.append({"method": method, "params": params})
        try:
            if self._failures.get(method):
                failure = self._failures[method].pop(0)
                raise RpcError(failure.get("code", -1), failure.get("message", ""), failure.get("data"))
            handler = getattr(self, f"_rpc_{method}", None)
            if handler is None:
                raise RpcError(-32601, "Method not implemented")
            result = handler(dict(params))
        except RpcError as exc:
            return {"jsonrpc": "2.0", "id": request_id, "error": exc.error}
        return {"jsonrpc": "2.0", "id": request_id, "result": result}

    def _recipients(self, params: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
        group_id = params.get("groupId")
        recipients = params.get("recipient") or ()
        if isinstance(recipients, str):
            recipients = (recipients,)
        if bool(group_id) == bool(recipients):
            raise RpcError(-1, "No recipients given" if not group_id else "Both recipient and group given")
        if group_id:
            group = self.groups.get(group_id)
            if group is None:
                raise RpcError(-1, f"Group not found: {group_id}")
            if self.account not in group.members:
                raise RpcError(-1, f"User is not a member in group: {group.name} ({group_id})")
            return group_id, ()
        for recipient in recipients:
            if recipient in self.unregistered:
                raise RpcError(-1, f"The user {recipient} is not registered.")
        return None, tuple(recipients)

    def _results(self, group_id: str | None, recipients: tuple[str, ...]) -> list[dict[str, Any]]:
        people = [m for m in self.groups[group_id].members if m != self.account] if group_id else recipients
        results = []
        for number in people:
            result: dict[str, Any] = {"recipientAddress": {"uuid": uuid_for(number), "number": number},
                                      "type": "SUCCESS"}
            if group_id:
                result["groupId"] = group_id
            results.append(result)
        return results

    def _rpc_send(self, params: dict[str, Any]) -> dict[str, Any]:
        group_id, recipients = self._recipients(params)
        message = params.get("message") or ""
        attachments = tuple(_parse_attachment(a) for a in _as_list(params.get("attachments") or params.get("attachment")))
        quote_timestamp = params.get("quoteTimestamp")
        if not message and not attachments and quote_timestamp is None:
            raise RpcError(-1, "Sending empty message is not allowed, either a message, attachment or sticker must be given.")
        edit_timestamp = params.get("editTimestamp")
        if edit_timestamp is not None and int(edit_timestamp) not in self._authors:
            # signal-cli sends it anyway; the fake is stricter, to catch a wrong reference in a test.
            raise RpcError(-1, f"Unknown message to edit: {edit_timestamp}")
        timestamp = self.next_timestamp()
        self._authors[timestamp] = self.account
        self._record(SentMessage(
            method="send", timestamp=timestamp, group_id=group_id, recipients=recipients, message=message,
            quote_timestamp=int(quote_timestamp) if quote_timestamp is not None else None,
            quote_author=params.get("quoteAuthor"),
            edit_timestamp=int(edit_timestamp) if edit_timestamp is not None else None,
            attachments=attachments, params=params,
        ))
        return {"timestamp": timestamp, "results": self._results(group_id, recipients)}

    def _rpc_remoteDelete(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 — signal-cli's name
        group_id, recipients = self._recipients(params)
        target = params.get("targetTimestamp")
        if target is None:
            raise RpcError(-1, "targetTimestamp missing")
        timestamp = self.next_timestamp()
        self._record(SentMessage(method="remoteDelete", timestamp=timestamp, group_id=group_id,
                                 recipients=recipients, target_timestamp=int(target), params=params))
        return {"timestamp": timestamp, "results": self._results(group_id, recipients)}

    def _rpc_sendReaction(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        group_id, recipients = self._recipients(params)
        timestamp = self.next_timestamp()
        self._record(SentMessage(method="sendReaction", timestamp=timestamp, group_id=group_id,
                                 recipients=recipients, emoji=params.get("emoji"),
                                 target_timestamp=int(params.get("targetTimestamp") or 0), params=params))
        return {"timestamp": timestamp, "results": self._results(group_id, recipients)}

    def _rpc_listGroups(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        return [
            {
                "id": group.group_id,
                "name": group.name,
                "description": "",
                "isMember": self.account in group.members,
                "isBlocked": False,
                "members": [self._member(m) for m in group.members],
                "pendingMembers": [self._member(m) for m in group.pending],
                "requestingMembers": [],
                "admins": [self._member(m) for m in group.admins],
                "groupInviteLink": None,
            }
            for group in self.groups.values()
        ]

    def _rpc_updateGroup(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        group = self.groups.get(params.get("groupId", ""))
        if group is None:
            raise RpcError(-1, f"Group not found: {params.get('groupId')}")
        if self.account in group.pending:
            group.pending.remove(self.account)
            group.members.append(self.account)
        return {"timestamp": self.next_timestamp()}

    def _member(self, number: str) -> Any:
        if self.member_format == "strings":
            return number
        return {"number": None if number in self.hidden_numbers else number, "uuid": uuid_for(number)}

    def _record(self, sent: SentMessage) -> None:
        self.sent.append(sent)
        self._sent_changed.set()

    # ------------------------------------------------------------------ events

    def _listen(self) -> asyncio.Queue[tuple[str, str] | None]:
        queue: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()
        # on-connection: what waited on Signal's server comes now that a client listens.
        for waiting in self.waiting_on_server:
            queue.put_nowait(waiting)
        self.waiting_on_server.clear()
        self._listeners.add(queue)
        self._listener_changed.set()
        return queue

    def _unlisten(self, queue: asyncio.Queue[tuple[str, str] | None]) -> None:
        self._listeners.discard(queue)
        self._listener_changed.set()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parse_attachment(uri: str) -> Attachment:
    """``data:<mime>;filename=<name>;base64,<data>`` as signal-cli reads it."""
    if not isinstance(uri, str) or not uri.startswith("data:") or ";base64," not in uri:
        raise RpcError(-1, f"Invalid attachment: {str(uri)[:40]}")
    header, encoded = uri[len("data:"):].split(";base64,", 1)
    mime_type, *attributes = header.split(";")
    filename = next((a.split("=", 1)[1] for a in attributes if a.startswith("filename=")), None)
    return Attachment(filename=filename, mime_type=mime_type, content=base64.b64decode(encoded))


class _RpcHandler(tornado.web.RequestHandler):
    def initialize(self, fake: FakeSignalCli) -> None:
        self.fake = fake

    def post(self) -> None:
        try:
            body = json.loads(self.request.body)
        except ValueError:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"jsonrpc": "2.0", "id": None,
                                    "error": {"code": -32700, "message": "parse error", "data": None}}))
            return
        if isinstance(body, list):
            answers = [a for a in (self.fake.handle_rpc(r) for r in body) if a is not None]
            payload: Any = answers
        else:
            payload = self.fake.handle_rpc(body)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))


class _EventsHandler(tornado.web.RequestHandler):
    def initialize(self, fake: FakeSignalCli) -> None:
        self.fake = fake
        self.queue: asyncio.Queue[tuple[str, str] | None] | None = None

    async def get(self) -> None:
        if self.fake.streams_refused:
            self.set_status(503)  # the daemon is away (a test holds the stream down)
            return
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-cache")
        self.queue = self.fake._listen()  # Last-Event-ID is ignored, as signal-cli ignores it
        try:
            self.write(":\n\n")  # keep-alive comment, as signal-cli sends while idle
            await self.flush()
            while True:
                item = await self.queue.get()
                if item is None:
                    break
                self.write(item[1])
                await self.flush()
        except tornado.iostream.StreamClosedError:
            pass
        finally:
            self.fake._unlisten(self.queue)

    def on_connection_close(self) -> None:
        if self.queue is not None:
            self.queue.put_nowait(None)


class _CheckHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_status(200)
        self.finish()


class BrugOnSignal:
    """Brug's whole Application (``BridgedBrug``) on a ``SignalTransport`` on this fake daemon.

    ``say``/``react``/``act`` play a member and return once Brug has handled it, with what Brug sent in
    answer — no sleeping, no guessing how long Brug takes.
    """

    def __init__(self, fake: FakeSignalCli, brug: Any, transport: Any) -> None:
        self.fake, self.brug, self.transport = fake, brug, transport
        self.handled = 0
        self.last_member_timestamp: int | None = None
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, fake: FakeSignalCli, settings: Any, *, clock: Any = None, database: Any = None) -> BrugOnSignal:
        from bot.bridge.run import BridgedBrug
        from bot.bridge.signal import SignalTransport

        transport = SignalTransport(fake.rpc_url, fake.account, reconnect_initial=0.01, reconnect_max=0.05)
        world = cls(fake, BridgedBrug(settings, transport, clock=clock, database=database), transport)
        await world.brug.start()
        world._task = asyncio.create_task(world._pump())
        await fake.wait_for_listener()
        return world

    async def _pump(self) -> None:
        async for event in self.transport.events():
            await self.brug.handle(event)
            self.handled += 1
            self._changed.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.brug.stop()
        await self.transport.aclose()

    async def act(self, member_action: Callable[[], int | None], timeout: float = 20.0) -> list[SentMessage]:
        """Do what a member does (one event for Brug, e.g. ``lambda: fake.member_says(...)``)."""
        expected, mark = self.handled + 1, len(self.fake.sent)
        self.last_member_timestamp = member_action()

        async def handled() -> None:
            while self.handled < expected:
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(handled(), timeout)
        return self.fake.sent[mark:]

    async def say(self, number: str, name: str, text: str, *, group_id: str | None = None,
                  quote: str | int | None = None) -> list[SentMessage]:
        return await self.act(lambda: self.fake.member_says(number, name, text, group_id=group_id, quote=quote))

    async def react(self, number: str, emoji: str, target: str | int, *, group_id: str | None = None,
                    name: str | None = None, remove: bool = False) -> list[SentMessage]:
        """A reaction on one of Brug's messages (on anyone else's Brug hears nothing: don't wait then)."""
        return await self.act(lambda: self.fake.member_reacts(number, emoji, target, group_id=group_id,
                                                              remove=remove, name=name))

    async def tick(self) -> list[SentMessage]:
        """Brug's reminders tick, now; what it sent."""
        mark = len(self.fake.sent)
        await self.brug.tick()
        return self.fake.sent[mark:]
