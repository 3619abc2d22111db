"""The console transport: Brug in a terminal, for ``brug demo`` and for tests.

It prints what Brug sends under a header that names the conversation ("── groep Wooncoöperatie De Linde ──",
"── privé: Anna ──"), with the choices numbered and the hint after them; an edit is printed again as the new
version, marked "(bijgewerkt)"; a document is saved in a folder and its path printed. The people of the one
group it knows are given up front, with who administers it. Everything it prints and everything it was asked
to do is kept in ``printed`` and ``recorded``, so a test can assert on both.

The console's own words (headers, notices) come from ``prompts/<lang>/demo.ftl``. ``control_word`` reads the
words the person at the keyboard steers with (``/groep``, ``/stop`` …); ``brug demo`` and ``brug try`` share them.
"""

from __future__ import annotations

import html
import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.bridge.interface import Conversation, Document, PlainMessage, Contact, Recorded, Sent, TransportError
from bot.domain.i18n import Translator, normalise_language, translator as default_translator

# The words that steer a console chat (``brug demo``, ``brug try``); they are never said to Brug, and Brug has
# no command of these names (``bot.domain.commands.COMMANDS``). Each may start with "/" or ":" (the old ``brug try``
# words ``:groep``, ``:prive``, ``:stop`` keep working). ``brug try`` knows all but als, tijd and duim.
CONTROL_WORDS = {
    "als": "als", "prive": "prive", "privé": "prive", "groep": "groep", "tijd": "tijd", "duim": "duim",
    "hulp": "hulp", "stop": "stop", "quit": "stop",
}
# Skin tones and the emoji presentation selector do not change which choice a reaction means.
_EMOJI_VARIANTS = {chr(c) for c in range(0x1F3FB, 0x1F400)} | {"\ufe0f"}


def control_word(line: str) -> tuple[str, str] | None:
    """("groep", "") for "/groep" or ":groep", ("als", "bert") for "/als bert"; ``None`` for anything else."""
    text = line.strip()
    if text[:1] not in ("/", ":"):
        return None
    command, _, rest = text[1:].partition(" ")
    word = CONTROL_WORDS.get(command.lower())
    return (word, rest.strip()) if word else None


@dataclass(frozen=True)
class Shown:
    """A message Brug sent that is on the screen, as it reads now (after any edits)."""

    ref: str
    conversation: Conversation
    message: PlainMessage


class ConsoleTransport:
    """A terminal as a chat service: one group, its people, and each person's private conversation."""

    name = "console"

    def __init__(
        self,
        group: Conversation,
        people: Sequence[Contact],
        *,
        administrators: Sequence[str] = (),
        out: TextIO | None = None,
        files_dir: Path = Path("brug-demo-bestanden"),
        lang: str = "nl",
        translator: Translator | None = None,
        first_ref: int = 1,
    ) -> None:
        self.group = group
        self.people = {person.address: person for person in people}
        self.administrator_addresses = tuple(administrators)
        self.out = out if out is not None else sys.stdout
        self.files_dir = files_dir
        self.lang = normalise_language(lang)
        self.translator = translator or default_translator()
        self.printed: list[str] = []
        self.recorded: list[Recorded] = []
        # Every message still on the screen, by ref, in the order it was first sent.
        self.shown: dict[str, Shown] = {}
        # One counter for every message in every conversation, like a chat's message numbers; a
        # continued demo starts after the refs Brug stored in an earlier run.
        self._refs = itertools.count(first_ref)

    # ------------------------------------------------------------ the Transport protocol

    async def send(self, conversation: Conversation, message: PlainMessage) -> Sent:
        self._check(conversation)
        ref = self.new_ref()
        self.shown[ref] = Shown(ref, conversation, message)
        self.recorded.append(Recorded("send", conversation, message=message, ref=ref))
        self._print_message(conversation, message)
        return Sent(ref)

    async def edit(
        self, conversation: Conversation, ref: str, message: PlainMessage, *, edits: int = 0
    ) -> Sent:
        self._check(conversation)
        # A message from an earlier run of a continued demo is not on this screen: show its new version.
        self.shown[ref] = Shown(ref, conversation, message)
        self.recorded.append(Recorded("edit", conversation, message=message, ref=ref))
        self._print_message(conversation, message, edited=True)
        return Sent(ref)

    async def delete(self, conversation: Conversation, ref: str) -> None:
        self._check(conversation)
        self.recorded.append(Recorded("delete", conversation, ref=ref))
        if self.shown.pop(ref, None) is not None:
            self.print_block(self.header(conversation), self.words("demo-deleted"))

    async def send_document(self, conversation: Conversation, document: Document) -> Sent:
        self._check(conversation)
        path = self._save(document)
        ref = self.new_ref()
        self.recorded.append(
            Recorded("document", conversation, ref=ref, document=document, extra={"path": str(path)})
        )
        lines = [self.header(conversation), self.words("demo-document-saved", path=str(path))]
        if document.caption:
            lines.append(document.caption)
        self.print_block(*lines)
        return Sent(ref)

    async def administrators(self, conversation: Conversation) -> list[Contact]:
        if conversation.address != self.group.address:
            return []
        return [self.people[address] for address in self.administrator_addresses if address in self.people]

    async def members(self, conversation: Conversation) -> list[Contact]:
        if conversation.address != self.group.address:
            return []
        return list(self.people.values())

    # ------------------------------------------------------------ what the demo asks of it

    def new_ref(self) -> str:
        """The next message reference (also for what the people at the keyboard say)."""
        return str(next(self._refs))

    def remember(self, shown: Shown) -> None:
        """A message Brug sent before this console started (a continued demo), so /duim can find it."""
        self.shown[shown.ref] = shown

    def private(self, person: Contact) -> Conversation:
        """The private conversation between ``person`` and Brug."""
        return Conversation("private", person.address, person.name)

    def latest_with_choices(
        self, conversation: Conversation, nth: int = 1, *, emoji: str | None = None
    ) -> Shown | None:
        """The ``nth`` latest message Brug sent in ``conversation`` that still shows choices.

        With ``emoji``: only messages with a choice that starts with it (👍: a proposal's "👍 Steun").
        """
        with_choices = [
            shown for shown in self.shown.values()
            if shown.conversation.address == conversation.address
            and shown.conversation.kind == conversation.kind
            and shown.message.choices
            and (emoji is None or any(
                _bare(label).startswith(_bare(emoji)) for label in shown.message.choices
            ))
        ]
        return with_choices[-nth] if 1 <= nth <= len(with_choices) else None

    def words(self, message_id: str, **args: Any) -> str:
        """One of the console's own sentences, as plain text."""
        return plain(self.translator.text(self.lang, message_id, **args))

    def notice(self, message_id: str, **args: Any) -> None:
        """Print one of the console's own sentences (not something Brug said)."""
        self.print_block(self.words(message_id, **args))

    def print_block(self, *lines: str) -> None:
        """Print lines as one block after an empty line, and keep it in ``printed``."""
        block = "\n".join(lines)
        self.printed.append(block)
        self.out.write("\n" + block + "\n")
        self.out.flush()

    def header(self, conversation: Conversation) -> str:
        if conversation.is_group:
            return self.words("demo-header-group", title=conversation.title or self.group.title or "")
        return self.words("demo-header-private", name=self._name(conversation.address, conversation.title))

    # ------------------------------------------------------------ inside

    def _print_message(self, conversation: Conversation, message: PlainMessage, *, edited: bool = False) -> None:
        lines = [self.header(conversation)]
        if edited:
            lines.append(self.words("demo-edited"))
        if message.quote_author and conversation.is_group:
            lines.append(self.words("demo-reply-to", name=self._name(message.quote_author)))
        lines.append(message.as_text())
        self.print_block(*lines)

    def _name(self, address: str, fallback: str | None = None) -> str:
        person = self.people.get(address)
        return person.name if person else (fallback or address)

    def _check(self, conversation: Conversation) -> None:
        # Brug can only be in the one group the console shows, and talk privately with its people.
        if conversation.is_group and conversation.address != self.group.address:
            raise TransportError(f"the console knows no group {conversation.address!r}", refused=True)
        if not conversation.is_group and conversation.address not in self.people:
            raise TransportError(f"the console knows nobody called {conversation.address!r}", refused=True)

    def _save(self, document: Document) -> Path:
        """Write the file in ``files_dir`` under a safe name; an earlier file of that name is kept."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = _safe_filename(document.filename)
        stem, dot, suffix = name.partition(".")
        path = self.files_dir / name
        for number in itertools.count(2):
            if not path.exists():
                break
            path = self.files_dir / f"{stem}-{number}{dot}{suffix}"
        path.write_bytes(document.content)
        return path


def plain(text: str) -> str:
    """Text for a terminal: no markup, entities read back (prompts are written as Telegram HTML)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in _EMOJI_VARIANTS)


def _safe_filename(filename: str) -> str:
    # Only the last part of the name, and only characters every file system takes.
    name = re.sub(r"[^\w.\-]+", "_", Path(filename.replace("\\", "/")).name).strip("._")
    return name or "bestand"
