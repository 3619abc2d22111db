"""The Signal transport against a fake signal-cli daemon that speaks the documented HTTP JSON-RPC and SSE."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

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
    TransportError,
)
from bot.bridge.signal import MAX_EDITS, SignalTransport, endpoint_urls, transport_error
from bot.domain.clock import FixedClock
from bot.config import Settings
from storage.db import Database
from storage.models import Action, Support
from tests.fake_signal_cli import BrugOnSignal, FakeSignalCli, SentMessage, uuid_for

GROUP = "R3JvZXAgQnJ1ZyB0ZXN0Z3JvZXAgMTIzNDU2Nzg5MA=="
ANNA, BERT, CEES = "+31611111111", "+31622222222", "+31633333333"


@pytest.fixture
async def fake() -> AsyncIterator[FakeSignalCli]:
    server = await FakeSignalCli().start()
    server.add_group(GROUP, "Buurtkamer", [ANNA, BERT], admins=[ANNA])
    yield server
    await server.stop()


@pytest.fixture
async def transport(fake: FakeSignalCli) -> AsyncIterator[SignalTransport]:
    signal = SignalTransport(fake.rpc_url, fake.account, reconnect_initial=0.01, reconnect_max=0.05)
    yield signal
    await signal.aclose()


class Listener:
    """``transport.events()`` running in a task, its events in a queue."""

    def __init__(self, transport: SignalTransport, fake: FakeSignalCli) -> None:
        self.transport, self.fake = transport, fake
        self.queue: asyncio.Queue[Event] = asyncio.Queue()
        self.task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        async for event in self.transport.events():
            await self.queue.put(event)

    async def __aenter__(self) -> Listener:
        self.task = asyncio.create_task(self._run())
        await self.fake.wait_for_listener()
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.task is not None
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task

    async def next(self, timeout: float = 5.0) -> Event:
        return await asyncio.wait_for(self.queue.get(), timeout)


def group(title: str | None = "Buurtkamer") -> Conversation:
    return Conversation("group", GROUP, title)


# ---------------------------------------------------------------------- outgoing shapes


async def test_send_to_a_group_shows_numbered_choices_and_returns_the_timestamp(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    message = PlainMessage("Wie helpt mee?", choices=("👍 Steun", "Ik doe mee"), choose_hint="Antwoord met 1 of 2.")
    sent = await transport.send(group(), message)

    call = fake.sent[-1]
    assert call.group_id == GROUP and call.recipients == ()
    assert call.message == "Wie helpt mee?\n\n1. 👍 Steun\n2. Ik doe mee\n\nAntwoord met 1 of 2."
    assert sent.ref == str(call.timestamp)
    assert "recipient" not in call.params and call.quote_timestamp is None


async def test_send_privately_with_a_quote(fake: FakeSignalCli, transport: SignalTransport) -> None:
    asked = int((await transport.send(Conversation("private", ANNA), PlainMessage("Welke dag?"))).ref)
    await transport.send(Conversation("private", ANNA), PlainMessage("Dank je!", quote="1234", quote_author=ANNA))
    await transport.send(Conversation("private", ANNA), PlainMessage("Nog even:", quote=str(asked)))

    answer, reminder = fake.sent[-2], fake.sent[-1]
    assert answer.recipients == (ANNA,) and answer.group_id is None
    assert (answer.quote_timestamp, answer.quote_author) == (1234, ANNA)
    # Without an author, the quoted message is Brug's own.
    assert (reminder.quote_timestamp, reminder.quote_author) == (asked, fake.account)
    assert isinstance(reminder.params["quoteTimestamp"], int)


async def test_edit_targets_the_original_and_keeps_its_reference(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    original = await transport.send(group(), PlainMessage("Steun: 0"))
    first = await transport.edit(group(), original.ref, PlainMessage("Steun: 1"))
    second = await transport.edit(group(), first.ref, PlainMessage("Steun: 2"))

    edits = [s for s in fake.sent if s.is_edit]
    assert [e.edit_timestamp for e in edits] == [int(original.ref)] * 2
    assert [e.message for e in edits] == ["Steun: 1", "Steun: 2"]
    assert first.ref == second.ref == original.ref
    # A member quoting the newest revision quotes the message Brug knows.
    assert transport.original_ref(str(edits[-1].timestamp)) == original.ref


async def test_after_ten_edits_a_new_message_is_sent(fake: FakeSignalCli, transport: SignalTransport) -> None:
    original = await transport.send(group(), PlainMessage("Steun: 0"))
    for count in range(1, MAX_EDITS + 1):
        assert (await transport.edit(group(), original.ref, PlainMessage(f"Steun: {count}"))).ref == original.ref
    replacement = await transport.edit(group(), original.ref, PlainMessage("Steun: 11"))

    last = fake.sent[-1]
    assert not last.is_edit and last.message == "Steun: 11"
    assert replacement.ref == str(last.timestamp) != original.ref
    assert len([s for s in fake.sent if s.is_edit]) == MAX_EDITS


async def test_edits_made_before_a_restart_count_too(fake: FakeSignalCli) -> None:
    """A new transport (Brug restarted) hears from the bridge how often the card was edited already."""
    before = SignalTransport(fake.rpc_url, fake.account)
    after = SignalTransport(fake.rpc_url, fake.account)
    try:
        original = await before.send(group(), PlainMessage("Steun: 0"))
        assert (await after.edit(group(), original.ref, PlainMessage("Steun: 9"), edits=MAX_EDITS - 1)).ref == original.ref
        replacement = await after.edit(group(), original.ref, PlainMessage("Steun: 10"), edits=MAX_EDITS)
        assert replacement.ref != original.ref and not fake.sent[-1].is_edit
    finally:
        await before.aclose()
        await after.aclose()


async def test_a_message_older_than_a_day_is_replaced_not_edited(fake: FakeSignalCli) -> None:
    clock = FixedClock(datetime.now(UTC))
    signal = SignalTransport(fake.rpc_url, fake.account, clock=clock)
    try:
        original = await signal.send(group(), PlainMessage("Steun: 0"))
        clock.advance(hours=23)
        assert (await signal.edit(group(), original.ref, PlainMessage("Steun: 1"))).ref == original.ref
        clock.advance(hours=2)
        replacement = await signal.edit(group(), original.ref, PlainMessage("Steun: 2"))
    finally:
        await signal.aclose()
    assert fake.sent[-2].is_edit and not fake.sent[-1].is_edit
    assert replacement.ref == str(fake.sent[-1].timestamp)


async def test_delete_is_a_remote_delete_of_the_original(fake: FakeSignalCli, transport: SignalTransport) -> None:
    original = await transport.send(Conversation("private", BERT), PlainMessage("Oeps"))
    edited = await transport.edit(Conversation("private", BERT), original.ref, PlainMessage("Oeps!"))
    await transport.delete(Conversation("private", BERT), edited.ref)

    deleted = fake.sent[-1]
    assert deleted.method == "remoteDelete"
    assert deleted.target_timestamp == int(original.ref) and deleted.recipients == (BERT,)


async def test_document_is_a_data_uri_attachment(fake: FakeSignalCli, transport: SignalTransport) -> None:
    content = "naam;datum\nAnna;12 december\n".encode()
    sent = await transport.send_document(
        group(), Document("acties, december.csv", content, "text/csv", caption="De acties van december")
    )

    call = fake.sent[-1]
    assert call.message == "De acties van december" and sent.ref == str(call.timestamp)
    [attachment] = call.attachments
    assert attachment.content == content and attachment.mime_type == "text/csv"
    assert attachment.filename == "acties__december.csv"


@pytest.mark.parametrize("member_format", ["objects", "strings"])
async def test_administrators_and_members_from_list_groups(member_format: str) -> None:
    fake = await FakeSignalCli(member_format=member_format).start()
    fake.add_group(GROUP, "Buurtkamer", [ANNA, BERT, CEES], admins=[ANNA, fake.account])
    signal = SignalTransport(fake.rpc_url, fake.account)
    try:
        admins = await signal.administrators(group())
        members = await signal.members(group())
        await signal.administrators(group())
    finally:
        await signal.aclose()
        await fake.stop()
    assert [p.address for p in admins] == [ANNA]  # Brug itself is not one of the coordinators
    assert [p.address for p in members] == [ANNA, BERT, CEES]
    # Cached for a minute: one listGroups for three questions.
    assert [c["method"] for c in fake.calls] == ["listGroups"]


async def test_names_learnt_from_messages_show_in_the_member_list(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    async with Listener(transport, fake) as listener:
        fake.member_says(BERT, "Bert de Vries", "hallo", group_id=GROUP)
        await listener.next()
    members = await transport.members(group())
    assert Contact(BERT, "Bert de Vries") in members


async def test_private_conversation_has_no_administrators(transport: SignalTransport) -> None:
    assert await transport.administrators(Conversation("private", ANNA)) == []
    assert [p.address for p in await transport.members(Conversation("private", ANNA))] == [ANNA]


# ---------------------------------------------------------------------- errors


async def test_unknown_group_is_refused(fake: FakeSignalCli, transport: SignalTransport) -> None:
    with pytest.raises(TransportError) as refused:
        await transport.send(Conversation("group", "b25iZWtlbmQ="), PlainMessage("Hallo"))
    assert refused.value.refused and refused.value.retry_after is None
    with pytest.raises(TransportError) as not_member:
        await transport.administrators(Conversation("group", "b25iZWtlbmQ="))
    assert not_member.value.refused


async def test_group_brug_left_and_unregistered_recipient_are_refused(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    fake.add_group("b3VkZSBncm9lcA==", "Oude groep", [ANNA], with_brug=False)
    fake.unregistered.add(CEES)
    with pytest.raises(TransportError) as not_member:
        await transport.send(Conversation("group", "b3VkZSBncm9lcA=="), PlainMessage("Hallo"))
    with pytest.raises(TransportError) as unregistered:
        await transport.send(Conversation("private", CEES), PlainMessage("Hallo"))
    assert not_member.value.refused and "not a member" in str(not_member.value)
    assert unregistered.value.refused


async def test_rate_limit_carries_retry_after(fake: FakeSignalCli, transport: SignalTransport) -> None:
    fake.fail_next("send", {
        "code": -5,
        "message": "Failed to send message due to rate limiting",
        "data": {"response": {"timestamp": 1, "results": [
            {"recipientAddress": {"number": ANNA}, "type": "RATE_LIMIT_FAILURE", "retryAfterSeconds": 42},
        ]}},
    })
    with pytest.raises(TransportError) as limited:
        await transport.send(group(), PlainMessage("Hallo"))
    assert limited.value.retry_after == 42 and not limited.value.refused

    # Said only in words, with no number: Brug still waits, a minute.
    fake.fail_next("send", {"code": -1, "message": "Rate limit reached", "data": None})
    with pytest.raises(TransportError) as again:
        await transport.send(group(), PlainMessage("Hallo"))
    assert again.value.retry_after == 60


def test_error_mapping_reads_send_results() -> None:
    unregistered = transport_error("send", {"code": -1, "message": "Failed to send message", "data": {
        "response": {"timestamp": 5, "results": [{"type": "UNREGISTERED_FAILURE"}]}}})
    assert unregistered.refused
    proof = transport_error("send", {"code": -1, "message": (
        'CAPTCHA proof required for sending to "+31611111111", available options "RECAPTCHA" with challenge '
        'token "x", or wait "3600" seconds. Rate limit'), "data": None})
    assert proof.retry_after == 3600
    io = transport_error("send", {"code": -3, "message": "Failed to send message: timeout", "data": None})
    assert not io.refused and io.retry_after is None and "(-3)" in str(io)


async def test_unknown_method_and_io_errors_are_transport_errors(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    with pytest.raises(TransportError, match="-32601"):
        await transport.call("sendPoll", {"question": "?"})
    fake.fail_next("remoteDelete", {"code": -3, "message": "Failed to send message: connection reset"})
    with pytest.raises(TransportError) as io:
        await transport.delete(group(), "12345")
    assert not io.value.refused and io.value.retry_after is None


async def test_network_errors_are_transport_errors() -> None:
    fake = await FakeSignalCli().start()
    url = fake.rpc_url
    await fake.stop()  # nothing listens there any more
    signal = SignalTransport(url, "+31600000001")
    try:
        with pytest.raises(TransportError, match="not reachable"):
            await signal.send(Conversation("private", ANNA), PlainMessage("Hallo"))
        assert not await signal.check()
    finally:
        await signal.aclose()


async def test_multi_account_daemon_gets_the_account_parameter(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    fake.fail_next("send", {"code": -32602, "message": "Method requires valid account parameter"})
    sent = await transport.send(group(), PlainMessage("Hallo"))
    assert sent.ref == str(fake.sent[-1].timestamp)
    assert fake.calls[-1]["params"]["account"] == fake.account
    await transport.members(group())
    assert fake.calls[-1] == {"method": "listGroups", "params": {"account": fake.account}}


async def test_check_and_batch_requests(fake: FakeSignalCli, transport: SignalTransport) -> None:
    assert await transport.check()
    async with httpx.AsyncClient() as client:
        answer = await client.post(fake.rpc_url, json=[
            {"jsonrpc": "2.0", "method": "listGroups", "id": 1},
            {"jsonrpc": "2.0", "method": "nope", "id": 2},
        ])
    first, second = answer.json()
    assert first["result"][0]["id"] == GROUP and second["error"]["code"] == -32601


def test_endpoint_urls() -> None:
    assert endpoint_urls("http://127.0.0.1:8080/api/v1/rpc") == (
        "http://127.0.0.1:8080/api/v1/events", "http://127.0.0.1:8080/api/v1/check")
    assert endpoint_urls("http://signal:8080/") == (
        "http://signal:8080/api/v1/events", "http://signal:8080/api/v1/check")


# ---------------------------------------------------------------------- incoming


async def test_group_and_private_messages_with_quotes(fake: FakeSignalCli, transport: SignalTransport) -> None:
    card = await transport.send(group(), PlainMessage("Kaart", choices=("👍 Steun", "Ik doe mee")))
    async with Listener(transport, fake) as listener:
        said_at = fake.member_says(ANNA, "Anna", "/actie", group_id=GROUP)
        answered_at = fake.member_says(BERT, "Bert", "2", group_id=GROUP, quote=card.ref)
        private_at = fake.member_says(ANNA, "Anna", "/start")
        command, answer, private = [await listener.next() for _ in range(3)]

    assert command == Said(group(), Contact(ANNA, "Anna"), "/actie", ref=str(said_at))
    assert answer == Said(group(), Contact(BERT, "Bert"), "2", ref=str(answered_at), quote=card.ref)
    assert private == Said(Conversation("private", ANNA, "Anna"), Contact(ANNA, "Anna"), "/start",
                           ref=str(private_at))


async def test_quote_of_an_edited_message_names_the_original(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    card = await transport.send(group(), PlainMessage("Steun: 0"))
    await transport.edit(group(), card.ref, PlainMessage("Steun: 1"))
    revision = fake.sent[-1].timestamp
    async with Listener(transport, fake) as listener:
        fake.member_says(BERT, "Bert", "1", group_id=GROUP, quote=revision)
        fake.member_reacts(ANNA, "👍", revision, group_id=GROUP, name="Anna")
        quoted, reacted = await listener.next(), await listener.next()
    assert isinstance(quoted, Said) and quoted.quote == card.ref
    assert isinstance(reacted, Reacted) and reacted.target == card.ref


async def test_reactions_to_brug_count_and_others_do_not(fake: FakeSignalCli, transport: SignalTransport) -> None:
    card = await transport.send(group(), PlainMessage("Kaart"))
    async with Listener(transport, fake) as listener:
        bert_said = fake.member_says(BERT, "Bert", "Mooi plan", group_id=GROUP)
        await listener.next()
        fake.member_reacts(ANNA, "❤️", bert_said, group_id=GROUP, name="Anna")  # not on Brug's message
        fake.member_reacts(ANNA, "👍", card.ref, group_id=GROUP)
        fake.member_reacts(ANNA, "👍", card.ref, group_id=GROUP, remove=True)
        added, removed = await listener.next(), await listener.next()
    assert added == Reacted(group(), Contact(ANNA, "Anna"), "👍", card.ref)
    assert removed == Reacted(group(), Contact(ANNA, "Anna"), "👍", card.ref, remove=True)


async def test_mention_of_brug_is_left_out(fake: FakeSignalCli, transport: SignalTransport) -> None:
    async with Listener(transport, fake) as listener:
        fake.member_says(ANNA, "Anna", "\ufffc /actie", group_id=GROUP, mentions=[fake.mention_brug(0)])
        # Bert has not written since the start: his profile name is not known yet.
        fake.member_says(ANNA, "Anna", "Vraag \ufffc even", group_id=GROUP, mentions=[fake.mention(BERT, 6)])
        fake.member_says(BERT, "Bert", "Hoi", group_id=GROUP)
        fake.member_says(ANNA, "Anna", "Vraag \ufffc nu", group_id=GROUP, mentions=[fake.mention(BERT, 6)])
        command, unknown, _hoi, known = [await listener.next() for _ in range(4)]
    assert isinstance(command, Said) and command.text == "/actie"
    # signal-cli's mention "name" is the phone number: it never reaches a text (issue 18).
    assert isinstance(unknown, Said) and unknown.text == "Vraag @… even" and BERT not in unknown.text
    assert isinstance(known, Said) and known.text == "Vraag @Bert nu"


async def test_own_messages_receipts_and_sync_messages_are_ignored(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    async with Listener(transport, fake) as listener:
        now = fake.next_timestamp()
        fake.push_envelope({"source": fake.account, "sourceNumber": fake.account, "sourceUuid": uuid_for(fake.account),
                            "timestamp": now, "dataMessage": {"timestamp": now, "message": "/start"}})
        fake.push_envelope({"source": fake.account, "sourceNumber": fake.account, "timestamp": now,
                            "syncMessage": {"sentMessage": {"timestamp": now, "message": "hoi"}}})
        fake.push_envelope({"source": ANNA, "sourceNumber": ANNA, "timestamp": now,
                            "receiptMessage": {"when": now, "isDelivery": True, "timestamps": [now]}})
        fake.push_envelope({"source": ANNA, "sourceNumber": ANNA, "timestamp": now,
                            "typingMessage": {"action": "STARTED", "timestamp": now}})
        fake.push_envelope({"source": ANNA, "sourceNumber": ANNA, "timestamp": now,
                            "dataMessage": {"timestamp": now, "message": "voor een ander"}},
                           account="+31699999999")
        fake.member_says(BERT, "Bert", "Hallo")
        first = await listener.next()
    assert isinstance(first, Said) and first.person.address == BERT


async def test_malformed_events_are_skipped(fake: FakeSignalCli, transport: SignalTransport) -> None:
    async with Listener(transport, fake) as listener:
        fake.push_raw("this is not json")
        fake.push_raw(json.dumps({"envelope": 5}))
        fake.push_raw(json.dumps([1, 2]))
        fake.push_envelope({"source": ANNA, "sourceNumber": ANNA, "timestamp": 1,
                            "dataMessage": {"timestamp": 1, "reaction": {"emoji": "👍"}}})
        fake.push_envelope({"source": ANNA, "sourceNumber": ANNA, "timestamp": 2,
                            "dataMessage": {"timestamp": 2, "groupInfo": "kapot", "message": ["x"]}})
        fake.push_raw("{}", event="somethingElse")
        fake.member_says(ANNA, "Anna", "Nog steeds hier")
        survivor = await listener.next()
    assert isinstance(survivor, Said) and survivor.text == "Nog steeds hier"
    assert listener.queue.empty()


async def test_with_receive_mode_on_connection_nothing_said_while_brug_was_away_is_lost(
    fake: FakeSignalCli, transport: SignalTransport
) -> None:
    """signal-cli's stream has no ids and ignores Last-Event-ID (issue 18): what waits while Brug's stream
    is down must wait on Signal's server — the README's daemon runs with --receive-mode=on-connection."""
    async with Listener(transport, fake) as listener:
        fake.member_says(ANNA, "Anna", "een")
        assert (await listener.next()).text == "een"  # type: ignore[union-attr]
        async with fake.stream_down():
            fake.member_says(ANNA, "Anna", "twee")  # while Brug is away: it waits on Signal's server
        await fake.wait_for_listener()
        fake.member_says(ANNA, "Anna", "drie")
        texts = [(await listener.next()).text for _ in range(2)]  # type: ignore[union-attr]
    assert texts == ["twee", "drie"]
    assert listener.queue.empty()


async def test_with_signal_clis_default_receive_mode_what_is_said_while_away_is_gone() -> None:
    """Why the README's command says --receive-mode=on-connection: with signal-cli's default (on-start)
    the daemon takes messages from Signal's server while nobody listens and hands them to nobody."""
    fake = await FakeSignalCli(receive_mode="on-start").start()
    signal = SignalTransport(fake.rpc_url, fake.account, reconnect_initial=0.01, reconnect_max=0.05)
    try:
        async with Listener(signal, fake) as listener:
            async with fake.stream_down():
                fake.member_says(ANNA, "Anna", "kwijt")
            await fake.wait_for_listener()
            fake.member_says(ANNA, "Anna", "wel")
            event = await listener.next()
        assert isinstance(event, Said) and event.text == "wel"
    finally:
        await signal.aclose()
        await fake.stop()


async def test_reconnects_after_the_daemon_was_away(fake: FakeSignalCli, transport: SignalTransport) -> None:
    """signal-cli restarted: the stream fails for a while, Brug keeps trying with a growing pause."""
    async with Listener(transport, fake) as listener:
        fake.member_says(ANNA, "Anna", "voor de herstart")
        await listener.next()
        port = fake.port
        await fake.stop()
        fake.events.clear()  # a restarted signal-cli remembers no events
        await fake.start(port=port)
        await fake.wait_for_listener()
        fake.member_says(ANNA, "Anna", "weer daar")
        event = await listener.next()
    assert isinstance(event, Said) and event.text == "weer daar"


# ---------------------------------------------------------------------- membership


async def test_member_joins_and_leaves(fake: FakeSignalCli, transport: SignalTransport) -> None:
    async with Listener(transport, fake) as listener:
        fake.member_joins(CEES, GROUP, added_by=ANNA)
        joined = await listener.next()
        fake.member_leaves(BERT, GROUP, name="Bert")
        left = await listener.next()
        fake.member_leaves(CEES, GROUP, name="Cees", legacy_quit=True)
        quit_ = await listener.next()
    assert isinstance(joined, Joined) and joined.person is not None and joined.person.address == CEES
    assert joined.added_by == Contact(ANNA, "")  # no profile name seen yet: no name, never the number
    assert left == Left(group(), Contact(BERT, "Bert"))
    assert quit_ == Left(group(), Contact(CEES, "Cees"))


async def test_brug_added_removed_and_invited(fake: FakeSignalCli, transport: SignalTransport) -> None:
    new_group, invited_group = "bmlldXdlIGdyb2Vw", "dXRlbm9kaWdpbmc="
    async with Listener(transport, fake) as listener:
        fake.names[ANNA] = "Anna"
        fake.add_brug_to_group(new_group, "Moestuin", [ANNA, BERT], admins=[ANNA], added_by=ANNA)
        added = await listener.next()
        fake.remove_brug_from_group(new_group, removed_by=ANNA)
        removed = await listener.next()
        fake.add_brug_to_group(invited_group, "Repaircafé", [BERT], admins=[BERT], added_by=BERT, invited=True)
        accepted = await listener.next()
    assert added == Joined(Conversation("group", new_group, "Moestuin"), None, added_by=Contact(ANNA, "Anna"))
    assert removed == Left(Conversation("group", new_group, "Moestuin"), None, removed_by=Contact(ANNA, "Anna"))
    assert isinstance(accepted, Joined) and accepted.person is None
    assert accepted.conversation.address == invited_group
    assert {"method": "updateGroup", "params": {"groupId": invited_group}} in fake.calls
    assert fake.account in fake.groups[invited_group].members


async def test_member_with_hidden_number_is_known_by_uuid(fake: FakeSignalCli, transport: SignalTransport) -> None:
    fake.hidden_numbers.add(CEES)
    async with Listener(transport, fake) as listener:
        fake.member_says(CEES, "Cees", "Hallo")
        said = await listener.next()
    assert isinstance(said, Said) and said.person.address == uuid_for(CEES)
    assert said.conversation == Conversation("private", uuid_for(CEES), "Cees")


async def test_timestamps_only_increase(fake: FakeSignalCli) -> None:
    stamps = [fake.next_timestamp() for _ in range(50)]
    assert stamps == sorted(set(stamps))
    assert datetime.fromtimestamp(stamps[0] / 1000, UTC) > datetime.now(UTC) - timedelta(minutes=1)


# ---------------------------------------------------------------------- Brug on Signal, end to end


@pytest.fixture
async def world(fake: FakeSignalCli, database: Database, clock: FixedClock) -> AsyncIterator[BrugOnSignal]:
    settings = Settings(database_url=database.url, _env_file=None)
    brug = await BrugOnSignal.start(fake, settings, clock=clock, database=database)
    yield brug
    await brug.stop()


def to(number_or_group: str) -> Callable[[SentMessage], bool]:
    return lambda sent: sent.method == "send" and sent.conversation == number_or_group


async def test_brug_on_signal_start_action_numbers_and_a_thumbs_up(world: BrugOnSignal, database: Database) -> None:
    [welcome] = await world.say(ANNA, "Anna", "/start")
    assert welcome.recipients == (ANNA,) and "Welkom bij Brug, Anna!" in welcome.message
    assert "<b>" not in welcome.message  # Signal shows plain text

    # /actie in the group: Brug introduces itself there and continues in the private conversation.
    replies = await world.say(ANNA, "Anna", "/actie Koffie met de buren", group_id=GROUP)
    in_group = [r.message for r in replies if to(GROUP)(r)]
    privately = [r.message for r in replies if to(ANNA)(r)]
    assert "ik ben Brug" in in_group[0] and "in ons privégesprek" in in_group[-1]
    assert "een paar korte vragen" in privately[0]
    assert privately[-1].startswith("Met wie?") and privately[-1].endswith(
        "1. Overslaan\n2. ↩️ Vorige vraag\n3. Stoppen\n\nAntwoord met 1, 2 of 3.")

    # Numbered answers: "1" is the first button (Overslaan / Nee), text answers are text.
    for answer in ("de buurtkamer", "zaterdag", "1", "koffie", "onze ruimte", "1"):
        assert [r for r in await world.say(ANNA, "Anna", answer) if to(ANNA)(r)], answer
    posted = await world.say(ANNA, "Anna", "1")  # Plaatsen
    [card] = [r for r in posted if to(GROUP)(r) and "👍 Steun" in r.message]
    assert "1. 👍 Steun\n2. 🙋 Ik doe mee\n3. 💬 Bedenking" in card.message

    # Bert's 👍 on the card is the Steun button: the card is edited in place, on Signal an edit.
    answered = await world.react(BERT, "👍", card.timestamp, group_id=GROUP, name="Bert")
    [edit] = [r for r in answered if r.is_edit]
    assert edit.edit_timestamp == card.timestamp and edit.group_id == GROUP
    assert "👍 Steun: Bert" in edit.message
    async with database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Support)) == 1
        assert (await session.scalar(select(Action))).state == "running"

    # Cees quotes the card and answers 2, Ik doe mee: the same card, edited again.
    joined = await world.say(CEES, "Cees", "2", group_id=GROUP, quote=card.timestamp)
    assert any(r.is_edit and r.edit_timestamp == card.timestamp and "Cees" in r.message for r in joined)


async def test_a_member_new_to_brug_continues_privately_by_answering_1(world: BrugOnSignal) -> None:
    replies = await world.say(BERT, "Bert", "/actie Repaircafé", group_id=GROUP)
    ask = replies[-1]
    assert ask.group_id == GROUP
    assert ask.message.endswith("1. Verder in een privégesprek\n\nAntwoord met 1.")
    assert (ask.quote_author, ask.quote_timestamp) == (BERT, world.last_member_timestamp)
    assert world.fake.texts_to(BERT) == []  # Brug does not write first to someone who never wrote to it

    continued = await world.say(BERT, "Bert", "1", group_id=GROUP)
    assert any("een paar korte vragen" in r.message for r in continued if to(BERT)(r))


async def test_a_coordinator_is_a_signal_group_admin(world: BrugOnSignal) -> None:
    await world.say(ANNA, "Anna", "/start")
    await world.say(BERT, "Bert", "/start")
    anna_sees = await world.say(ANNA, "Anna", "/coordinator", group_id=GROUP)
    bert_sees = await world.say(BERT, "Bert", "/coordinator", group_id=GROUP)
    # Anna administers the Signal group: she is the group's coordinator; Bert is not.
    assert "1. ⭐ Anna" in anna_sees[-1].message
    assert [r.message for r in bert_sees] == ["Dit kan alleen een coördinator van de groep."]


def run_brug_signal(tmp_path, fake: FakeSignalCli | None, **env: str):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BRUG_")}
    clean.update(PYTHONPATH=str(Path(__file__).parent.parent), BRUG_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'brug.db'}")
    if fake is not None:
        clean.update(BRUG_SIGNAL_RPC_URL=fake.rpc_url, BRUG_SIGNAL_ACCOUNT=fake.account, BRUG_ID_SECRET="test-secret")
    clean.update(env)
    return clean


def _sigint_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
async def test_brug_run_transport_signal_answers_start(
    fake: FakeSignalCli, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--transport", "signal",
        cwd=tmp_path, env=run_brug_signal(tmp_path, fake),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        # Ctrl-C in a terminal: a test run started in the background (as `cmd &` in a script) has
        # SIGINT ignored, and a child would inherit that; Brug in a foreground terminal does not.
        preexec_fn=_sigint_as_in_a_terminal,
    )
    try:
        await fake.wait_for_listener(timeout=60)
        fake.member_says(ANNA, "Anna", "/start")
        welcome = await fake.wait_for_sent(to(ANNA), timeout=30)
        assert "Welkom bij Brug, Anna!" in welcome.message
    finally:
        process.send_signal(stop_signal)
        # Read the log in a task of its own: a timed-out wait must not throw away what was read.
        reading = asyncio.ensure_future(process.stderr.read())
        try:
            await asyncio.wait_for(process.wait(), 30)
            stderr = await reading
        except TimeoutError:
            process.kill()
            await process.wait()
            stderr = await reading
            raise AssertionError(
                f"brug did not stop within 30 s of {stop_signal.name}; its log ends:\n"
                + stderr.decode(errors="replace")[-4000:]
            ) from None
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr


def test_brug_run_transport_signal_without_settings_says_what_is_missing(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--transport", "signal"],
        cwd=tmp_path, env=run_brug_signal(tmp_path, None), capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "BRUG_SIGNAL_RPC_URL" in result.stderr and "BRUG_SIGNAL_ACCOUNT" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "@BotFather" not in result.stderr  # no Telegram token needed


def test_brug_run_transport_signal_without_an_id_secret_says_so(tmp_path: Path) -> None:
    env = run_brug_signal(
        tmp_path, None, BRUG_SIGNAL_RPC_URL="http://127.0.0.1:9/api/v1/rpc", BRUG_SIGNAL_ACCOUNT="+31600000000"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--transport", "signal"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "BRUG_ID_SECRET" in result.stderr and "Traceback" not in result.stderr


def test_signal_ids_are_keyed_so_a_number_cannot_be_computed_back() -> None:
    """Issue 18: ids were an unsalted hash of the phone number (all Dutch mobile numbers reversed in ~6
    minutes). Keyed with BRUG_ID_SECRET, the same number gives another id, and without the key none."""
    from bot.bridge.botapi import ID_BASE, local_id

    unkeyed = local_id("signal", "person", ANNA)
    keyed = local_id("signal", "person", ANNA, b"installation secret")
    assert keyed != unkeyed and keyed > ID_BASE
    assert keyed == local_id("signal", "person", ANNA, b"installation secret")  # stable
    assert keyed != local_id("signal", "person", ANNA, b"another installation")


async def test_a_quote_of_an_edited_card_is_found_after_a_restart(
    fake: FakeSignalCli, database: Database, clock: FixedClock
) -> None:
    """Issue 18: on Signal an edit is a message of its own; members quote and react to that one. The
    edit → original map was kept in memory only: after a restart a quote of the edited card found
    nothing. The bridge now stores the edit's reference with the message."""
    settings = Settings(database_url=database.url, _env_file=None)
    world = await BrugOnSignal.start(fake, settings, clock=clock, database=database)
    try:
        await world.say(ANNA, "Anna", "/start")
        await world.say(ANNA, "Anna", "/actie Koffie met de buren", group_id=GROUP)
        for answer in ("de buurtkamer", "zaterdag", "1", "koffie", "onze ruimte", "1"):
            await world.say(ANNA, "Anna", answer)
        posted = await world.say(ANNA, "Anna", "1")  # Plaatsen
        [card] = [r for r in posted if to(GROUP)(r) and "👍 Steun" in r.message]
        answered = await world.react(BERT, "👍", card.timestamp, group_id=GROUP, name="Bert")
        [edit] = [r for r in answered if r.is_edit]
        # A newer card: a "2" that finds no quoted card would go to this one.
        await world.say(ANNA, "Anna", "/actie Boeken ruilen", group_id=GROUP)
        for answer in ("de buurtkamer", "zaterdag", "1", "boeken", "onze kast", "1"):
            await world.say(ANNA, "Anna", answer)
        newer = await world.say(ANNA, "Anna", "1")
        assert [r for r in newer if to(GROUP)(r) and "Boeken ruilen" in r.message]
    finally:
        await world.stop()

    restarted = await BrugOnSignal.start(fake, settings, clock=clock, database=database)
    try:
        # Cees quotes the card as Signal shows it now, i.e. the edit, and answers 2 (Ik doe mee).
        joined = await restarted.say(CEES, "Cees", "2", group_id=GROUP, quote=edit.timestamp)
        assert any(r.is_edit and r.edit_timestamp == card.timestamp and "Cees" in r.message for r in joined)
        assert not any("Boeken ruilen" in r.message and "Cees" in r.message for r in joined)
    finally:
        await restarted.stop()
