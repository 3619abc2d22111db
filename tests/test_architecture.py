"""The layers hold by contract (issue 17): import-linter checks the contracts in ``pyproject.toml``
on every test run, imports inside functions and cycles included.

- ``storage`` imports nothing above it;
- the domain modules under ``bot/`` know no Telegram, no web server and no handlers;
- handlers reach stored rows through services (``bot.domain.lookup`` and the features), not repositories;
- the dashboard and the bridged transports do not reach into the chat handlers;
- no import cycles among the modules of ``bot``, ``handlers`` and ``storage``.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

ROOT = Path(__file__).resolve().parent.parent


def check(config: Path) -> bool:
    """import-linter's own run (what ``lint-imports`` does), its report printed into the test's output."""
    configure()  # what importing import-linter's command line does first
    return lint_imports(config_filename=str(config), no_logo=True, cache_dir=None, is_debug_mode=True)


def test_the_import_contracts_hold(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert check(ROOT / "pyproject.toml"), "an import contract is broken: the report above (or `lint-imports`) says where"


def test_a_contract_breaks_when_a_layer_is_crossed(tmp_path, monkeypatch, capsys) -> None:
    """The contracts really look, inside functions too: a domain module importing telegram is caught."""
    package = tmp_path / "demo_pkg"
    (package / "domain").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "domain" / "__init__.py").write_text("")
    (package / "domain" / "rule.py").write_text("def rule():\n    import telegram\n    return telegram\n")
    (tmp_path / "contracts.toml").write_text(
        '[tool.importlinter]\nroot_packages = ["demo_pkg"]\ninclude_external_packages = true\n\n'
        '[[tool.importlinter.contracts]]\nname = "domain without telegram"\ntype = "forbidden"\n'
        'source_modules = ["demo_pkg.domain"]\nforbidden_modules = ["telegram"]\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not check(tmp_path / "contracts.toml")
    assert "demo_pkg.domain.rule -> telegram" in capsys.readouterr().out
