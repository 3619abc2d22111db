"""Brug on Signal: the transport over signal-cli's HTTP daemon (JSON-RPC and Server-Sent Events).

signal-cli (``signal-cli -a +31... daemon --http=127.0.0.1:8080 --receive-mode=on-connection``, see its
man page signal-cli-jsonrpc(5)) serves three endpoints: ``POST /api/v1/rpc`` takes JSON-RPC 2.0 calls whose
method is the CLI command (``send``, ``remoteDelete``, ``listGroups``...) with camelCase parameters;
``GET /api/v1/events`` streams every received envelope as a Server-Sent Event — without ids, and it
ignores ``Last-Event-ID``: nothing is replayed after a reconnect. So the daemon must leave messages on
Signal's server while Brug's stream is down: ``--receive-mode=on-connection`` (its default, ``on-start``,
takes them from the server and hands them to nobody). ``GET /api/v1/check`` answers 200 while it runs.

Addresses: a person is their phone number (``+31...``) when Signal tells it, else their ACI (a UUID) —
once a UUID has been seen next to a number, that number is used for it. A group is its base64 id.
A message's reference is its Signal timestamp (milliseconds), which is how Signal itself names a message
for quotes, reactions, edits and deletes.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from httpx_sse import SSEError, aconnect_sse

from bot.bridge.interface import (
    Conversation,
    Document,
    Event,
    Joined,
    Left,
    PlainMessage,
    Contact,
    Reacted,
    Said,
    Sent,
    TransportError,
)
from bot.domain.clock import Clock, SystemClock

log = logging.getLogger(__name__)

# Signal lets the sender edit a message at most 10 times, within 24 hours of sending it; after that
# other clients ignore the edit, so Brug sends a new message instead.
MAX_EDITS = 10
EDIT_WINDOW = timedelta(hours=24)
# How long the answer of listGroups (members, administrators) is trusted.
GROUP_CACHE_SECONDS = 60.0
# When signal-cli reports a rate limit without saying how long to wait.
DEFAULT_RATE_LIMIT_WAIT = 60.0
# Edit counts and edits' timestamps kept in memory; the oldest are forgotten beyond this many.
REMEMBERED_EDITS = 10_000
# The Object Replacement Character Signal puts in the text where a mention stands.
MENTION_PLACEHOLDER = "\ufffc"

# JSON-RPC error codes: the standard ones, and signal-cli's own (SignalJsonRpcCommandHandler).
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
SIGNAL_USER_ERROR = -1
SIGNAL_IO_ERROR = -3

# What signal-cli says when it will not deliver to a conversation, whatever we try (GroupNotFoundException,
# NotAGroupMemberException, GroupSendingNotAllowedException, UnregisteredRecipientException, ...).
REFUSED = re.compile(
    r"group not found|not a member|not allowed to send|is not registered|unregistered user"
    r"|invalid group id|blocked",
    re.IGNORECASE,
)
RATE_LIMITED = re.compile(r"rate.?limit", re.IGNORECASE)
WAIT_SECONDS = re.compile(r"(?:retry after|wait)\D{0,3}(\d+)\D{0,3}seconds?", re.IGNORECASE)


def endpoint_urls(rpc_url: str) -> tuple[str, str]:
    """The events and check URLs next to the JSON-RPC URL (``.../api/v1/rpc``)."""
    base = rpc_url.rstrip("/")
    if base.endswith("/rpc"):
        base = base[: -len("/rpc")]
    else:
        # Given the daemon's address alone (http://127.0.0.1:8080): the documented paths.
        base = f"{base}/api/v1" if not base.endswith("/api/v1") else base
    return f"{base}/events", f"{base}/check"


def transport_error(method: str, error: dict[str, Any]) -> TransportError:
    """signal-cli's JSON-RPC error as the interface's TransportError: rate limit, refusal, or failure."""
    code = error.get("code")
    message = str(error.get("message") or "")
    data = error.get("data") if isinstance(error.get("data"), dict) else {}
    response = data.get("response") if isinstance(data.get("response"), dict) else {}
    results = [r for r in response.get("results") or [] if isinstance(r, dict)]
    result_types = {str(r.get("type")) for r in results}
    detail = f"signal-cli {method}: {message or 'error'} ({code})"

    if RATE_LIMITED.search(message) or (result_types and result_types <= {"RATE_LIMIT_FAILURE"}):
        waits = [float(r["retryAfterSeconds"]) for r in results if _is_number(r.get("retryAfterSeconds"))]
        if not waits and (found := WAIT_SECONDS.search(message)):
            waits = [float(found.group(1))]
        return TransportError(detail, retry_after=max(waits) if waits else DEFAULT_RATE_LIMIT_WAIT)
    if REFUSED.search(message) or (result_types and result_types <= {"UNREGISTERED_FAILURE"}):
        return TransportError(detail, refused=True)
    return TransportError(detail)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def looks_like_address(text: str) -> bool:
    """A phone number ("+31611111111") or a Signal account id: what must never be shown as a name."""
    bare = text.strip()
    return bool(re.fullmatch(r"\+?[0-9 ()-]{6,}", bare) or UUID.fullmatch(bare))


@dataclass(frozen=True)
class GroupState:
    """One group as listGroups tells it."""

    group_id: str
    name: str | None
    is_member: bool
    members: tuple[str, ...]
    admins: tuple[str, ...]
    pending: tuple[str, ...] = ()


class SignalTransport:
    """The Transport protocol on a signal-cli daemon; ``events()`` is the incoming side."""

    name = "signal"

    def __init__(
        self,
        rpc_url: str,
        account: str,
        *,
        client: httpx.AsyncClient | None = None,
        clock: Clock | None = None,
        group_cache_seconds: float = GROUP_CACHE_SECONDS,
        reconnect_initial: float = 0.5,
        reconnect_max: float = 30.0,
    ) -> None:
        self.rpc_url = rpc_url
        self.events_url, self.check_url = endpoint_urls(rpc_url)
        self.account = account
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=10.0))
        self._owns_client = client is None
        self._clock = clock or SystemClock()
        self._group_cache_seconds = group_cache_seconds
        self._reconnect_initial = reconnect_initial
        self._reconnect_max = reconnect_max
        self._request_ids = itertools.count(1)
        # A daemon serving several accounts needs "account" in every call; learnt from its first refusal.
        self._multi_account = False
        self._groups: dict[str, GroupState] = {}
        self._groups_fetched_at: float | None = None
        self._groups_lock = asyncio.Lock()
        self._number_by_uuid: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._own_uuids: set[str] = set()
        # How often each of Brug's messages was edited, and each edit's own timestamp → the original's:
        # a member may quote or react to the newest revision.
        self._edit_counts: dict[str, int] = {}
        self._original_by_alias: dict[str, str] = {}
        self.last_event_id: str | None = None

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    # ------------------------------------------------------------------ JSON-RPC

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """One JSON-RPC call; its ``result``, or TransportError."""
        try:
            return await self._call_once(method, dict(params or {}))
        except _AccountParamNeeded:
            self._multi_account = True
            return await self._call_once(method, dict(params or {}))

    async def _call_once(self, method: str, params: dict[str, Any]) -> Any:
        if self._multi_account:
            params["account"] = self.account
        request = {"jsonrpc": "2.0", "method": method, "params": params, "id": next(self._request_ids)}
        try:
            response = await self._client.post(self.rpc_url, json=request)
        except httpx.HTTPError as exc:
            raise TransportError(f"signal-cli is not reachable at {self.rpc_url}: {exc!r}") from exc
        if response.status_code != 200:
            raise TransportError(f"signal-cli {method}: HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise TransportError(f"signal-cli {method}: answer is not JSON") from exc
        if not isinstance(body, dict):
            raise TransportError(f"signal-cli {method}: unexpected answer")
        error = body.get("error")
        if isinstance(error, dict):
            if (
                error.get("code") == INVALID_PARAMS
                and "account" in str(error.get("message", "")).lower()
                and not self._multi_account
            ):
                raise _AccountParamNeeded
            raise transport_error(method, error)
        return body.get("result")

    @staticmethod
    def _target(conversation: Conversation) -> dict[str, Any]:
        if conversation.is_group:
            return {"groupId": conversation.address}
        return {"recipient": [conversation.address]}

    @staticmethod
    def _timestamp(result: Any, method: str) -> str:
        if isinstance(result, dict) and _is_number(result.get("timestamp")):
            return str(int(result["timestamp"]))
        raise TransportError(f"signal-cli {method}: no timestamp in the answer")

    # ------------------------------------------------------------------ outgoing

    async def send(self, conversation: Conversation, message: PlainMessage) -> Sent:
        params = self._target(conversation) | {"message": message.as_text()}
        if message.quote and message.quote.isdigit():
            params["quoteTimestamp"] = int(self.original_ref(message.quote))
            # signal-cli needs the quoted message's author; Brug's own messages are quoted most.
            params["quoteAuthor"] = message.quote_author or self.account
        result = await self.call("send", params)
        return Sent(ref=self._timestamp(result, "send"))

    async def edit(
        self, conversation: Conversation, ref: str, message: PlainMessage, *, edits: int = 0
    ) -> Sent:
        original = self.original_ref(ref)
        # After a restart the bridge's count is what remembers the edits made before it.
        self._edit_counts[original] = max(self._edit_counts.get(original, 0), edits)
        if not self._may_edit(original):
            return await self.send(conversation, message)
        params = self._target(conversation) | {
            "message": message.as_text(),
            "editTimestamp": int(original),
        }
        result = await self.call("send", params)
        self._edit_counts[original] = self._edit_counts.get(original, 0) + 1
        self._original_by_alias[self._timestamp(result, "send")] = original
        for remembered in (self._edit_counts, self._original_by_alias):
            while len(remembered) > REMEMBERED_EDITS:
                del remembered[next(iter(remembered))]
        # The message keeps its first name: the bridge knows it by that, and Signal edits refer to it. The
        # edit's own timestamp goes along: the bridge stores it, so a quote of it is found after a restart.
        return Sent(ref=original, alias=self._timestamp(result, "send"))

    def _may_edit(self, original: str) -> bool:
        if not original.isdigit() or self._edit_counts.get(original, 0) >= MAX_EDITS:
            return False
        sent_at_ms = int(original)
        now_ms = self._clock.now().timestamp() * 1000
        return now_ms - sent_at_ms < EDIT_WINDOW.total_seconds() * 1000

    async def delete(self, conversation: Conversation, ref: str) -> None:
        original = self.original_ref(ref)
        if not original.isdigit():
            return
        await self.call("remoteDelete", self._target(conversation) | {"targetTimestamp": int(original)})

    async def send_document(self, conversation: Conversation, document: Document) -> Sent:
        encoded = base64.b64encode(document.content).decode("ascii")
        # ";" and "," end the filename in a data URI (RFC 2397 as signal-cli parses it).
        filename = re.sub(r"[;,\s]", "_", document.filename) or "bestand"
        params = self._target(conversation) | {
            "message": document.caption,
            "attachments": [f"data:{document.mime_type};filename={filename};base64,{encoded}"],
        }
        result = await self.call("send", params)
        return Sent(ref=self._timestamp(result, "send"))

    async def administrators(self, conversation: Conversation) -> list[Contact]:
        if not conversation.is_group:
            return []
        group = await self._group(conversation.address)
        return [self._person(address) for address in group.admins if not self._is_self(address)]

    async def members(self, conversation: Conversation) -> list[Contact]:
        if not conversation.is_group:
            return [self._person(conversation.address)]
        group = await self._group(conversation.address)
        return [self._person(address) for address in group.members if not self._is_self(address)]

    def original_ref(self, ref: str) -> str:
        """The reference Brug knows a message by, also when given the timestamp of one of its edits."""
        return self._original_by_alias.get(ref, ref)

    # ------------------------------------------------------------------ groups

    async def _group(self, group_id: str) -> GroupState:
        groups = await self.groups()
        group = groups.get(group_id)
        if group is None or not group.is_member:
            raise TransportError(f"signal-cli: Brug is not a member of group {group_id}", refused=True)
        return group

    async def groups(self, *, fresh: bool = False) -> dict[str, GroupState]:
        """Every group signal-cli knows, from listGroups (cached for a minute unless ``fresh``)."""
        async with self._groups_lock:
            expired = (
                self._groups_fetched_at is None
                or time.monotonic() - self._groups_fetched_at > self._group_cache_seconds
            )
            if fresh or expired:
                result = await self.call("listGroups")
                self._groups = self._parse_groups(result)
                self._groups_fetched_at = time.monotonic()
            return self._groups

    def _parse_groups(self, result: Any) -> dict[str, GroupState]:
        if not isinstance(result, list):
            raise TransportError("signal-cli listGroups: unexpected answer")
        groups: dict[str, GroupState] = {}
        for entry in result:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            members = self._addresses(entry.get("members"))
            groups[entry["id"]] = GroupState(
                group_id=entry["id"],
                name=entry.get("name") or None,
                # Older signal-cli versions have no isMember: then membership shows in the list.
                is_member=bool(entry.get("isMember", any(self._is_self(a) for a in members))),
                members=members,
                admins=self._addresses(entry.get("admins")),
                pending=self._addresses(entry.get("pendingMembers")),
            )
        return groups

    def _addresses(self, entries: Any) -> tuple[str, ...]:
        """Members as strings (older signal-cli) or objects {number, uuid} (newer)."""
        addresses: list[str] = []
        for entry in entries or []:
            if isinstance(entry, str):
                is_number = entry.startswith("+")
                addresses.append(self._address(entry if is_number else None, None if is_number else entry))
            elif isinstance(entry, dict):
                address = self._address(entry.get("number"), entry.get("uuid"))
                if address:
                    addresses.append(address)
        return tuple(a for a in addresses if a)

    # ------------------------------------------------------------------ people

    def _address(self, number: Any, uuid: Any) -> str:
        number = number if isinstance(number, str) and number else None
        uuid = uuid if isinstance(uuid, str) and uuid else None
        if number and uuid:
            self._number_by_uuid[uuid] = number
            if number == self.account:
                self._own_uuids.add(uuid)
        if number:
            return number
        if uuid:
            return self._number_by_uuid.get(uuid, uuid)
        return ""

    def _is_self(self, address: str) -> bool:
        return address == self.account or address in self._own_uuids

    def _person(self, address: str) -> Contact:
        """The person at ``address``, with the profile name Signal gave us (empty when none came yet: the
        bridge then keeps the name it stored). Never the phone number or account id as a name."""
        return Contact(address=address, name=self._names.get(address, ""))

    # ------------------------------------------------------------------ incoming

    async def check(self) -> bool:
        """Whether the daemon answers its health check."""
        try:
            response = await self._client.get(self.check_url)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def events(self) -> AsyncIterator[Event]:
        """Every event from the daemon's stream, for as long as the caller listens.

        A dropped connection is opened again after a pause that doubles up to ``reconnect_max`` (what came
        meanwhile waits on Signal's server with ``--receive-mode=on-connection``: signal-cli replays nothing);
        a malformed event is logged and skipped.
        """
        try:
            # What the groups look like now, so an update can tell who joined or left.
            await self.groups(fresh=True)
        except TransportError as exc:
            log.warning("signal: could not list groups before listening: %s", exc)
        delay = self._reconnect_initial
        while True:
            headers = {"Last-Event-ID": self.last_event_id} if self.last_event_id else {}
            try:
                async with aconnect_sse(
                    self._client, "GET", self.events_url, headers=headers,
                    timeout=httpx.Timeout(None, connect=10.0),
                ) as source:
                    if source.response.status_code != 200:
                        raise TransportError(f"signal-cli events: HTTP {source.response.status_code}")
                    delay = self._reconnect_initial
                    log.info("signal: listening to %s", self.events_url)
                    # Closed here, not by the garbage collector after the loop is gone.
                    async with contextlib.aclosing(source.aiter_sse()) as messages:
                        async for message in messages:
                            if message.id:
                                self.last_event_id = message.id
                            if message.event not in ("receive", "message"):
                                continue
                            for event in await self.events_from(message.data):
                                yield event
                log.warning("signal: the event stream ended; connecting again")
            except (httpx.HTTPError, SSEError, TransportError) as exc:
                log.warning("signal: event stream lost (%r); connecting again in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._reconnect_max)

    async def events_from(self, data: str) -> list[Event]:
        """The interface events in one SSE ``receive`` payload; none for anything else or anything broken."""
        try:
            payload = json.loads(data)
            if not isinstance(payload, dict) or not isinstance(payload.get("envelope"), dict):
                raise ValueError("no envelope")
            account = payload.get("account")
            if account and account != self.account and account not in self._own_uuids:
                return []  # another account on a multi-account daemon
            return await self._events_from_envelope(payload["envelope"])
        except Exception as exc:  # noqa: BLE001 — one bad event must not stop Brug listening
            log.warning("signal: skipped an event Brug could not read (%r): %.200s", exc, data)
            return []

    async def _events_from_envelope(self, envelope: dict[str, Any]) -> list[Event]:
        number = envelope.get("sourceNumber") or (
            envelope.get("source") if str(envelope.get("source", "")).startswith("+") else None
        )
        address = self._address(number, envelope.get("sourceUuid"))
        if not address or self._is_self(address):
            return []
        data_message = envelope.get("dataMessage")
        # Receipts, typing, sync messages from Brug's other devices, calls, edits: not Brug's business.
        if not isinstance(data_message, dict):
            return []
        if envelope.get("sourceName"):
            self._names[address] = str(envelope["sourceName"])
        person = self._person(address)

        group_info = data_message.get("groupInfo")
        if isinstance(group_info, dict) and group_info.get("groupId"):
            group_id = str(group_info["groupId"])
            known = self._groups.get(group_id)
            title = group_info.get("groupName") or (known.name if known else None)
            conversation = Conversation("group", group_id, title)
            kind = group_info.get("type", "DELIVER")
            if kind == "QUIT":
                return [Left(conversation, person)]
            if kind == "UPDATE":
                return await self._membership_changes(conversation, person)
        else:
            conversation = Conversation("private", address, person.name)

        reaction = data_message.get("reaction")
        if isinstance(reaction, dict):
            return self._reaction(conversation, person, reaction)

        text = data_message.get("message")
        if not isinstance(text, str) or not text.strip():
            return []
        quote = data_message.get("quote")
        quoted = (
            self.original_ref(str(quote["id"])) if isinstance(quote, dict) and quote.get("id") else None
        )
        ref = data_message.get("timestamp") or envelope.get("timestamp")
        return [
            Said(
                conversation,
                person,
                self._without_mentions(text, data_message.get("mentions")),
                ref=str(ref) if ref else None,
                quote=quoted,
            )
        ]

    def _reaction(self, conversation: Conversation, person: Contact, reaction: dict[str, Any]) -> list[Event]:
        target_author = self._address(
            reaction.get("targetAuthorNumber")
            or (reaction.get("targetAuthor") if str(reaction.get("targetAuthor", "")).startswith("+") else None),
            reaction.get("targetAuthorUuid"),
        )
        # Brug acts only on reactions to its own messages.
        if target_author and not self._is_self(target_author):
            return []
        emoji, target = reaction.get("emoji"), reaction.get("targetSentTimestamp")
        if not isinstance(emoji, str) or not _is_number(target):
            raise ValueError("reaction without emoji or target")
        return [
            Reacted(
                conversation,
                person,
                emoji,
                self.original_ref(str(int(target))),
                remove=bool(reaction.get("isRemove")),
            )
        ]

    def _without_mentions(self, text: str, mentions: Any) -> str:
        """Mentions back into text: "@Anna" for a member, nothing for Brug (``@Brug /actie`` is ``/actie``)."""
        if MENTION_PLACEHOLDER not in text:
            return text
        units = text.encode("utf-16-le")  # Signal counts start and length in UTF-16 code units
        valid = [m for m in mentions or [] if isinstance(m, dict) and _is_number(m.get("start"))]
        for mention in sorted(valid, key=lambda m: m["start"], reverse=True):
            start, length = int(mention["start"]), int(mention.get("length") or 1)
            address = self._address(mention.get("number"), mention.get("uuid"))
            # signal-cli puts the number or account id in a mention's "name": never show that.
            given = mention.get("name")
            name = given if isinstance(given, str) and given and not looks_like_address(given) else ""
            name = name or self._person(address).name or "…"
            shown = "" if self._is_self(address) else f"@{name}"
            units = units[: start * 2] + shown.encode("utf-16-le") + units[(start + length) * 2 :]
        plain = units.decode("utf-16-le", errors="replace").replace(MENTION_PLACEHOLDER, "")
        return re.sub(r" {2,}", " ", plain).strip()

    async def _membership_changes(self, conversation: Conversation, actor: Contact) -> list[Event]:
        """A group UPDATE names no one: compare listGroups before and after to see who came and went."""
        group_id = conversation.address
        before = self._groups.get(group_id)
        try:
            after = (await self.groups(fresh=True)).get(group_id)
        except TransportError as exc:
            log.warning("signal: could not list groups after an update: %s", exc)
            return []
        if after and not after.is_member and any(self._is_self(a) for a in after.pending):
            # Invited by someone whose contact Brug is not: accepting is what updateGroup does then.
            try:
                await self.call("updateGroup", {"groupId": group_id})
                after = (await self.groups(fresh=True)).get(group_id)
            except TransportError as exc:
                log.warning("signal: could not accept the invitation to %s: %s", group_id, exc)
                return []
        if after is not None and after.name:
            conversation = Conversation("group", group_id, after.name)
        was_member = before is not None and before.is_member
        is_member = after is not None and after.is_member
        if not is_member:
            return [Left(conversation, None, removed_by=actor)] if was_member else []
        if not was_member:
            return [Joined(conversation, None, added_by=actor)]
        assert before is not None and after is not None
        events: list[Event] = []
        for address in after.members:
            if address not in before.members and not self._is_self(address):
                person = self._person(address)
                events.append(Joined(conversation, person, added_by=None if person == actor else actor))
        for address in before.members:
            if address not in after.members and not self._is_self(address):
                person = self._person(address)
                events.append(Left(conversation, person, removed_by=None if person == actor else actor))
        return events


class _AccountParamNeeded(Exception):
    """The daemon serves several accounts and wants ``account`` in the call."""
