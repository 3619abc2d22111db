"""Types (issue 17): mypy checks ``bot``, ``handlers`` and ``storage`` with the configuration in
``pyproject.toml``, and the errors only shrink.

- No file may have more errors than ``tests/data/mypy-baseline.txt`` allows it (a file not listed there
  is allowed none); a file with fewer passes, with a hint to lower its line.
- ``storage`` and the domain modules of ``bot`` (``ZERO_ERRORS``) have none at all.

See the errors of one file with ``python -m mypy path/to/file.py`` from the project root; write the
baseline anew (after fixing errors, never to let new ones in) with
``python -m tests.test_types > tests/data/mypy-baseline.txt``.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import warnings
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from mypy import api
from mypy.version import __version__ as MYPY_VERSION

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "data" / "mypy-baseline.txt"

# Files (a trailing "/": every file below) that must have no mypy error at all.
ZERO_ERRORS = (
    "storage/",
    *(
        f"bot/domain/{name}.py"
        for name in (
            "agenda", "bot_api_rules", "clock", "dates", "digest", "export", "group_settings",
            "groups", "i18n", "listing", "lookup", "members", "messages", "overview", "pending",
            "privacy", "process_cache", "profile", "quiet_hours", "rendering", "roles", "scheduler",
            "support", "understanding", "zones",
        )
    ),
    "bot/config.py", "bot/road/logs.py", "bot/road/updates_seen.py",
)

# "bot/app.py:12: error: ..." (a column may follow the line when show_column_numbers is on).
ERROR = re.compile(r"^(?P<path>[^:\n]+):\d+(?::\d+)?: error: ", re.MULTILINE)


def run_mypy(cache_dir: Path) -> tuple[Counter[str], dict[str, list[str]]]:
    """mypy's own run (``mypy.api.run``) from the project root with its configuration: (errors per file,
    their lines).

    It runs in a process of its own, which ends the way mypy's command line does (``os._exit``): freeing
    the ~1.7 million objects of the build would cost the test process seconds, and mypy's tuning of the
    garbage collector stays out of it.
    """
    args = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache_dir), "--no-pretty"]
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_mypy_in_child, args=(sender, args, str(ROOT)), name="mypy")
    child.start()
    sender.close()
    try:
        answer = receiver.recv()
    except EOFError:
        answer = None
    child.join()
    if answer is None:
        raise RuntimeError(f"mypy's process ended without an answer (exit {child.exitcode})")
    stdout, stderr, status = answer
    if status not in (0, 1):  # 2: mypy itself failed (a bad configuration, a crash)
        raise RuntimeError(f"mypy {MYPY_VERSION} did not run (exit {status}):\n{stderr}\n{stdout}")
    lines: dict[str, list[str]] = {}
    for match in ERROR.finditer(stdout):
        path = match["path"].replace("\\", "/")
        end = stdout.find("\n", match.start())
        lines.setdefault(path, []).append(stdout[match.start() : end if end >= 0 else None])
    return Counter({path: len(found) for path, found in lines.items()}), lines


def _mypy_in_child(sender: Connection, args: list[str], cwd: str) -> None:
    os.chdir(cwd)  # the configuration's ``files`` are relative to the project root
    try:
        sender.send(api.run(args))
        sender.close()
    finally:
        os._exit(0)


def read_baseline(path: Path = BASELINE) -> dict[str, int]:
    """``path: N`` per line; blank lines and ``#`` comments are skipped."""
    allowed: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, count = line.rpartition(":")
        if not sep or not count.strip().isdigit():
            raise ValueError(f"{path.name}:{number}: expected 'path: N', got {line!r}")
        allowed[name.strip()] = int(count)
    return allowed


def render_baseline(counts: Counter[str]) -> str:
    return (
        "# mypy errors allowed per file (tests/test_types.py): this list only shrinks.\n"
        "# Written by: python -m tests.test_types > tests/data/mypy-baseline.txt\n"
        + "".join(f"{path}: {counts[path]}\n" for path in sorted(counts) if counts[path])
    )


def must_have_none(path: str) -> bool:
    return any(path.startswith(entry) if entry.endswith("/") else path == entry for entry in ZERO_ERRORS)


def compare(counts: Counter[str], allowed: dict[str, int]) -> tuple[list[str], list[str], list[str]]:
    """(files of ``ZERO_ERRORS`` with errors, other files with more than the baseline allows, files
    with fewer), each sorted."""
    broken = sorted(path for path in counts if counts[path] and must_have_none(path))
    grown = sorted(
        path for path, count in counts.items() if count > allowed.get(path, 0) and path not in broken
    )
    shrunk = sorted(path for path, count in allowed.items() if counts.get(path, 0) < count)
    return broken, grown, shrunk


def _shown(lines: list[str], at_most: int = 15) -> str:
    more = len(lines) - at_most
    return "\n".join(["    " + line for line in lines[:at_most]] + ([f"    … and {more} more"] if more > 0 else []))


def test_the_zero_error_modules_exist() -> None:
    """A module renamed or moved would drop out of ``ZERO_ERRORS`` silently."""
    missing = [entry for entry in ZERO_ERRORS if not (ROOT / entry).exists()]
    assert not missing, f"ZERO_ERRORS names what is not there (renamed? update the list): {missing}"


def test_type_errors_only_shrink(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One mypy run (one test, so that pytest-xdist does not run it on every worker) for both rules."""
    counts, lines = run_mypy(tmp_path_factory.mktemp("mypy-cache"))
    allowed = read_baseline()
    broken, grown, shrunk = compare(counts, allowed)
    problems = []
    if broken:
        problems.append(
            "errors in modules that must have none (ZERO_ERRORS in tests/test_types.py):\n"
            + "\n".join(f"{path}: {counts[path]} errors\n{_shown(lines[path])}" for path in broken)
        )
    if grown:
        problems.append(
            "more errors than tests/data/mypy-baseline.txt allows (fix the new ones):\n"
            + "\n".join(
                f"{path}: {counts[path]} errors, the baseline allows {allowed.get(path, 0)}\n"
                f"{_shown(lines[path])}"
                for path in grown
            )
        )
    if problems:
        pytest.fail(
            f"mypy {MYPY_VERSION} finds "
            + "\n\nand ".join(problems)
            + "\n\nSee them all with `python -m mypy "
            + " ".join(broken + grown)
            + "` from the project root.",
            pytrace=False,
        )
    if shrunk:
        hint = (
            "fewer mypy errors than tests/data/mypy-baseline.txt allows, lower it: "
            + ", ".join(f"{path} {allowed[path]} -> {counts.get(path, 0)}" for path in shrunk)
            + " (python -m tests.test_types > tests/data/mypy-baseline.txt)"
        )
        print(hint)
        warnings.warn(hint, stacklevel=1)


def test_the_baseline_check_catches_a_new_error(tmp_path: Path) -> None:
    """The parsing and the comparison, on mypy's own output format."""
    output = (
        "bot/a.py:3: error: Incompatible types  [assignment]\n"
        "bot/a.py:3: note: See the docs\n"
        "bot/a.py:9:5: error: Name \"x\" is not defined  [name-defined]\n"
        "storage/repositories/b.py:1: error: Missing return  [return]\n"
        "handlers/c.py:1: error: Missing return  [return]\n"
        "bot/domain/zones.py:1: note: only a note\n"
        "Found 4 errors in 3 files (checked 4 source files)\n"
    )
    found = Counter(match["path"] for match in ERROR.finditer(output))
    assert found == {"bot/a.py": 2, "storage/repositories/b.py": 1, "handlers/c.py": 1}
    (tmp_path / "baseline.txt").write_text(render_baseline(Counter({"bot/a.py": 1, "handlers/d.py": 3})))
    allowed = read_baseline(tmp_path / "baseline.txt")
    assert allowed == {"bot/a.py": 1, "handlers/d.py": 3}
    broken, grown, shrunk = compare(found, allowed)
    assert broken == ["storage/repositories/b.py"]  # a zero-error package
    assert grown == ["bot/a.py", "handlers/c.py"]  # over its line, and not listed at all
    assert shrunk == ["handlers/d.py"]
    assert compare(Counter({"bot/a.py": 1}), allowed) == ([], [], ["handlers/d.py"])


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        counts, _ = run_mypy(Path(cache))
    sys.stdout.write(render_baseline(counts))
