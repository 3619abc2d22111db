"""Brug understands what older members type: the answers corpus in tests/data/answers.tsv, row by row.

The corpus is the specification: each row is one real-style answer and what Brug must make of it.
A row that fails is a place where Brug would misunderstand a member.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bot.domain.dates import read_day
from bot.domain.understanding import Meaning, choice_index, is_vague, meaning, number_in, value_choice

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "tests" / "data" / "answers.tsv"
TODAY = date(2026, 12, 4)  # a Friday, as the corpus header says
KINDS = {"meaning", "vague", "number", "choice", "value", "day"}


@dataclass(frozen=True)
class Row:
    line: int
    kind: str
    text: str
    expected: str
    note: str

    @property
    def id(self) -> str:
        return f"{self.line}-{self.kind}-{self.text}"


def corpus() -> list[Row]:
    rows = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, expected, *note = line.split("\t")
        rows.append(Row(number, kind, text, expected, note[0] if note else ""))
    return rows


def options(expected: str) -> tuple[int | None, list[str], list[Meaning | None]]:
    """ "1 labels=A|B|C;meanings=,,skip" -> (1, [A, B, C], [None, None, SKIP])."""
    index, _, context = expected.partition(" ")
    fields = dict(part.split("=", 1) for part in context.split(";"))
    labels = fields["labels"].split("|")
    meanings = [Meaning(m) if m else None for m in fields.get("meanings", "").split(",")] if "meanings" in fields else []
    return (None if index == "none" else int(index)), labels, meanings


def answer(row: Row) -> str:
    """What Brug makes of the row's text, written the way the corpus writes expectations."""
    if row.kind == "meaning":
        return str(meaning(row.text) or "none")
    if row.kind == "vague":
        return "yes" if is_vague(row.text) else "no"
    if row.kind == "number":
        found = number_in(row.text)
        return "none" if found is None else str(found)
    if row.kind in ("choice", "value"):
        _, labels, meanings = options(row.expected)
        index = choice_index(row.text, labels, meanings) if row.kind == "choice" else value_choice(row.text, labels)
        return "none" if index is None else str(index)
    reading = read_day(row.text, TODAY)
    if reading is None:
        return "none"
    return " ".join(filter(None, [reading.day.isoformat(), "sure" if reading.sure else "unsure", reading.part_of_day]))


def wanted(row: Row) -> str:
    return row.expected.partition(" ")[0] if row.kind in ("choice", "value") else row.expected


ROWS = corpus()


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_answer_is_understood(row: Row) -> None:
    assert answer(row) == wanted(row), row.note


def test_corpus_summary() -> None:
    understood = sum(answer(row) == wanted(row) for row in ROWS)
    print(f"\nunderstanding corpus: {understood} of {len(ROWS)} understood")
    assert understood == len(ROWS)


def test_corpus_is_well_formed() -> None:
    assert len(ROWS) >= 170
    assert {row.kind for row in ROWS} == KINDS
    assert len({(row.kind, row.text, row.expected) for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("overslaan", Meaning.SKIP), ("overslan", Meaning.SKIP), ("stopen", Meaning.STOP), ("stop", Meaning.STOP)],
)
def test_typos_are_forgiven_only_in_longer_words(text: str, expected: Meaning) -> None:
    assert meaning(text) == expected
    assert meaning("stp") is None  # four letters or fewer: too many real words are one letter apart


def test_choice_without_meanings_uses_the_labels_own_meaning() -> None:
    assert choice_index("skip", ["Meedoen", "⏭ Overslaan"]) == 1
    assert choice_index("ja", ["👍 Prima", "✅ Akkoord"]) is None  # two YES options: ambiguous


def test_import_is_fast() -> None:
    # The vocabulary is read lazily; importing must not load dateparser or the TOML.
    code = "import time; t = time.perf_counter(); import bot.domain.understanding; print(time.perf_counter() - t)"
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
    assert seconds < 1.0
