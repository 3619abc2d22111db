"""Benchmark (a script, not a test): what misbehaving clients cost Brug's web server.

The web server runs in a child process: Brug's hardened one (``WebhookServer``, limits from the settings) and,
with ``--compare``, the set-up it replaced (tornado's ``HTTPServer`` with its defaults, ``xheaders=True``).
Two scenarios, each against a fresh child:

1. **Oversized bodies.** ``--parallel`` (12) POSTs to the webhook path at once, each with a wrong secret and a
   ``Content-Length`` of ``--claimed-mb`` (100) MB, the body sent in 64 KB pieces until the server answers or
   closes (after a 0.2 s pause for an early answer, as a client sending ``Expect: 100-continue`` would;
   ``--no-pause`` sends at once).
   Printed: the child's resident memory (``VmRSS``) before and after, its peak (``VmHWM``), the answers, how
   much body the clients got to send, how long it took.
2. **Half-open connections.** ``--half-open`` (1,000) connections that never send a byte, to a child allowed
   ``--nofile`` (512) open files (a modest ``ulimit -n``), header timeout 1 s for Brug's server. Printed: how
   many connections the server accepted (and closed at once beyond the cap), how much it logged, and whether
   ``/healthz`` answers 1.5 s later while the client still holds every socket.

    python bench/server_limits.py              # Brug's server
    python bench/server_limits.py --compare    # also the old set-up (needs ~2.5 GB of free memory)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import common  # noqa: F401 - puts the project on sys.path
from common import brug, machine, scratch_database, table

HOOK = "/telegram/hook"
SECRET = "bench-secret"
PIECE = 64 * 1024
LABELS = {"brug": "Brug (hardened)", "defaults": "tornado defaults (before)"}


# ---------------------------------------------------------------- the server (child process)


async def serve(mode: str) -> None:
    """Run the web server until stdin closes; print its port first. Warnings go to stderr."""
    import tornado.httpserver
    import tornado.netutil
    import tornado.web

    from bot.road.logs import configure_logging
    from bot.road.webhook import HEALTH_PATH, HealthHandler, TelegramUpdateHandler, WebhookServer

    configure_logging(secrets=[SECRET], level="WARNING")
    async with scratch_database("sqlite") as db, brug(db) as bot:
        if mode == "brug":
            server = WebhookServer(bot.app, secret=SECRET, path=HOOK, listen="127.0.0.1", port=0)
            port = await server.start()
        else:  # the server before issue 16: tornado's defaults, forwarded headers from anyone
            app = tornado.web.Application([
                (HEALTH_PATH, HealthHandler, {"database": db}),
                (HOOK, TelegramUpdateHandler, {"bot_application": bot.app, "secret": SECRET}),
            ])
            sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
            plain = tornado.httpserver.HTTPServer(app, xheaders=True)
            plain.add_sockets(sockets)
            port = sockets[0].getsockname()[1]
        print(port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


@dataclass
class Child:
    port: int
    pid: int
    log: IO[str]

    def log_bytes(self) -> int:
        self.log.flush()
        return os.fstat(self.log.fileno()).st_size


@asynccontextmanager
async def server_process(mode: str, *, nofile: int | None = None, **env: str) -> AsyncIterator[Child]:
    """The web server in a child process (``nofile``: its limit on open files), stopped afterwards."""

    def limit_files() -> None:
        if nofile is not None:
            _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, hard))

    log = tempfile.TemporaryFile(mode="w+")
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, cwd=common.ROOT,
        env={**os.environ, **env}, preexec_fn=limit_files,
    )
    try:
        line = child.stdout.readline()
        if not line.strip().isdigit():
            log.seek(0)
            raise SystemExit(f"the {mode} server did not start:\n{log.read()[-2000:]}")
        await asyncio.sleep(0.5)  # let start-up settle
        yield Child(int(line), child.pid, log)
    finally:
        child.stdin.close()
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        log.close()


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MiB (Linux)."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found


# ---------------------------------------------------------------- 1. oversized bodies


async def oversized_post(port: int, claimed: int, pause: float) -> tuple[str, int]:
    """One POST claiming ``claimed`` bytes: the answer's status (or how the connection ended), bytes sent."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {HOOK} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: wrong\r\nContent-Length: {claimed}\r\n\r\n"
    )
    writer.write(head.encode())
    sent = 0
    piece = b" " * PIECE
    answer = asyncio.ensure_future(reader.readline())
    await asyncio.wait([answer], timeout=pause)
    try:
        while sent < claimed and not answer.done():
            chunk = piece[: min(PIECE, claimed - sent)]
            writer.write(chunk)
            await writer.drain()
            sent += len(chunk)
        status_line = await asyncio.wait_for(answer, 120)
        outcome = status_line.split(b" ")[1].decode() if status_line else "closed"
    except (ConnectionError, OSError) as exc:
        outcome = type(exc).__name__
    finally:
        writer.close()
        answer.cancel()
        if answer.done() and not answer.cancelled():
            answer.exception()  # looked at: a reset is an expected end here
    return outcome, sent


async def oversized_bodies(mode: str, parallel: int, claimed: int, pause: float) -> list[object]:
    async with server_process(mode) as child:
        before = memory_mb(child.pid)
        started = time.perf_counter()
        results = await asyncio.gather(*(oversized_post(child.port, claimed, pause) for _ in range(parallel)))
        seconds = time.perf_counter() - started
        await asyncio.sleep(0.5)
        after = memory_mb(child.pid)
    sent_mb = sum(s for _, s in results) / 1024 / 1024
    return [LABELS[mode], before["VmRSS"], after["VmRSS"], after["VmHWM"], _tally(o for o, _ in results),
            sent_mb, seconds]


# ---------------------------------------------------------------- 2. half-open connections


async def health(port: int) -> str:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        line = await asyncio.wait_for(reader.readline(), 2)
        writer.close()
        return line.split(b" ")[1].decode() if line else "closed"
    except (TimeoutError, OSError) as exc:
        return f"no answer ({type(exc).__name__})"


async def half_open(mode: str, connections: int, nofile: int) -> list[object]:
    async with server_process(mode, nofile=nofile, BRUG_WEB_HEADER_TIMEOUT_SECONDS="1") as child:
        held: list[asyncio.StreamWriter] = []
        failed = 0
        started = time.perf_counter()
        for _ in range(connections):
            try:
                _, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", child.port), 1)
                held.append(writer)
            except (TimeoutError, OSError):
                failed += 1
                if failed >= 5:  # the server no longer accepts: its listen queue is full
                    break
        await asyncio.sleep(1.5)
        answer = await health(child.port)
        seconds = time.perf_counter() - started
        log_kb = child.log_bytes() / 1024
        for writer in held:
            writer.close()
    return [LABELS[mode], len(held), answer, log_kb, log_kb / seconds]


def _tally(values) -> str:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return ", ".join(f"{n}×{value}" for value, n in sorted(counts.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--parallel", type=int, default=12)
    parser.add_argument("--claimed-mb", type=float, default=100.0, help="the Content-Length each POST claims")
    parser.add_argument(
        "--no-pause", action="store_true",
        help="send the body straight after the headers (the server's answer may then be lost in a reset)",
    )
    parser.add_argument("--half-open", type=int, default=1000, help="connections that never send a byte")
    parser.add_argument("--nofile", type=int, default=512, help="the server's limit on open files")
    parser.add_argument(
        "--compare", action="store_true", help="also measure tornado's defaults (the old set-up)"
    )
    parser.add_argument("--serve", choices=tuple(LABELS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        asyncio.run(serve(args.serve))
        return
    modes = ["brug", "defaults"] if args.compare else ["brug"]
    claimed = int(args.claimed_mb * 1000 * 1000)
    pause = 0.0 if args.no_pause else 0.2
    print(machine())
    print(f"\n{args.parallel} parallel POSTs with a wrong secret, each claiming {args.claimed_mb:g} MB")
    print(table(
        ["server", "RSS before MiB", "RSS after MiB", "peak RSS MiB", "answers", "body sent MiB", "seconds"],
        [asyncio.run(oversized_bodies(mode, args.parallel, claimed, pause)) for mode in modes],
    ))
    print(f"\n{args.half_open} half-open connections, server limited to {args.nofile} open files")
    print(table(
        ["server", "connected", "/healthz while held", "log KiB", "log KiB/s"],
        [asyncio.run(half_open(mode, args.half_open, args.nofile)) for mode in modes],
    ))


if __name__ == "__main__":
    main()
