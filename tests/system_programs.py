"""Programs from Debian's packages that some tests drive (Chromium, LibreOffice Calc, poppler's pdftoppm).

The README's one test command sets everything up: when a program is missing and the tests run as root on
Debian, its packages are installed once (``.ci/run`` installs them beforehand); otherwise the test fails
with the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def needed_program(path: str, packages: list[str], *, recommends: bool = True) -> str:
    """``path``, installing ``packages`` first when it is missing and that is possible here."""
    if not Path(path).exists() and os.geteuid() == 0 and shutil.which("apt-get"):
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=False, capture_output=True)
        options = [] if recommends else ["--no-install-recommends"]
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *options, *packages],
            env=environment, check=False, capture_output=True,
        )
    if not Path(path).exists():
        command = " ".join(["apt-get install -y", *([] if recommends else ["--no-install-recommends"]), *packages])
        pytest.fail(f"These tests need {path}: run `{command}` (as root), then the tests again.")
    return path
