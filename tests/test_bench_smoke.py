"""The benchmark scripts in bench/ still run (tiny sizes, SQLite only), so that they never rot.

They run in this process (imports are the slow part of a fresh interpreter); an empty ``--postgres``
keeps them on SQLite whatever the environment says.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module", autouse=True)
def bench_on_path():
    sys.path.insert(0, str(BENCH))
    yield
    sys.path.remove(str(BENCH))


def test_throughput_prints_every_scenario(capsys) -> None:
    importlib.import_module("throughput").main(["--updates", "3", "--warmup", "1", "--postgres", ""])
    out = capsys.readouterr().out
    for label in ("floor: bare PTB", "stack: PTB + upsert", "Brug /start", "Brug 👍 Steun", "Brug /mijn"):
        assert label in out


def test_digest_fanout_delivers_every_digest_without_429(capsys) -> None:
    importlib.import_module("digest_fanout").main(["--groups", "35", "--postgres", ""])
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| sqlite"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1:3] == ["35", "35"] and cells[7] == "0", row


def test_memory_samples_rss(capsys) -> None:
    importlib.import_module("memory").main(
        ["--groups", "3", "--members", "12", "--updates", "12", "--samples", "2", "--postgres", ""]
    )
    assert "peak RSS" in capsys.readouterr().out


def test_reminder_tick_runs(capsys, monkeypatch) -> None:
    module = importlib.import_module("reminder_tick")
    monkeypatch.setattr(sys, "argv", ["reminder_tick.py", "--total", "300", "--due", "20", "--postgres", ""])
    asyncio.run(module.main())
    assert "tick=" in capsys.readouterr().out


def test_transports_compares_telegram_and_the_bridge(capsys) -> None:
    importlib.import_module("transports").main(["--updates", "3", "--postgres", ""])
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| sqlite")]
    assert [row.split("|")[2].strip() for row in rows] == ["/help (private)", "press a button"]


def test_dashboard_pages_answer(capsys) -> None:
    importlib.import_module("dashboard").main(["--commitments", "5", "--repeat", "1", "--postgres", ""])
    pages = [line.split("|")[2].strip() for line in capsys.readouterr().out.splitlines() if line.startswith("| sqlite")]
    assert pages == ["commitments", "actions", "partners", "agenda", "movement"]
