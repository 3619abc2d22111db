"""The ``brug`` command as an operator meets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_brug(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("BRUG_")}
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd, env=clean_env, capture_output=True, text=True, timeout=60,
        check=False,
    )


def test_run_without_token_says_how_to_get_one_and_points_to_the_demo(tmp_path: Path) -> None:
    result = run_brug("run", cwd=tmp_path, PYTHONPATH=str(Path(__file__).parent.parent))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    how_to_get_one, try_the_demo = result.stderr.strip().splitlines()
    assert "@BotFather" in how_to_get_one
    assert "without Telegram" in try_the_demo and "no token needed" in try_the_demo
    assert try_the_demo.endswith("brug demo")


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_brug("--help", cwd=tmp_path, PYTHONPATH=str(Path(__file__).parent.parent))
    assert result.returncode == 0
    assert "run" in result.stdout and "migrate" in result.stdout


def test_migrate_creates_the_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    result = run_brug(
        "migrate", cwd=tmp_path, PYTHONPATH=str(Path(__file__).parent.parent), BRUG_DATABASE_URL=url
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.db").exists()
    again = run_brug(
        "migrate", cwd=tmp_path, PYTHONPATH=str(Path(__file__).parent.parent), BRUG_DATABASE_URL=url
    )
    assert again.returncode == 0


def test_token_from_env_file_is_read(tmp_path: Path) -> None:
    from bot.config import Settings

    (tmp_path / ".env").write_text("BRUG_TELEGRAM_TOKEN=42:abc\nBRUG_LANGUAGE=en\n")
    settings = Settings(_env_file=tmp_path / ".env")
    assert settings.token == "42:abc" and settings.language == "en"
    assert "42:abc" not in repr(settings)
