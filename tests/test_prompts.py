"""Every language has the same messages with the same placeholders; code uses only existing ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor as FluentVisitor

from bot.domain.i18n import LANGUAGES, PROMPTS_DIR, Translator

ROOT = Path(__file__).resolve().parent.parent


def messages(lang: str) -> dict[str, set[str]]:
    """Message id -> the names of its variables."""
    found: dict[str, set[str]] = {}
    for path in sorted((PROMPTS_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            assert not isinstance(entry, ast.Junk), f"{path}: {entry.annotations}"
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{entry.id.name} twice in {lang}"
                found[entry.id.name] = _variables(entry)
    return found


def _variables(node: ast.BaseNode) -> set[str]:
    names: set[str] = set()

    class Visitor(FluentVisitor):
        def visit_VariableReference(self, node: ast.VariableReference) -> None:
            names.add(node.id.name)

    Visitor().visit(node)
    return names


def test_every_language_has_the_same_messages_and_placeholders() -> None:
    reference = messages("nl")
    assert reference
    for lang in LANGUAGES:
        assert messages(lang) == reference, lang


def test_every_message_renders_and_is_valid_telegram_html() -> None:
    from tests.fake_telegram import visible_text

    translator = Translator()
    for lang in LANGUAGES:
        for message_id, variables in messages(lang).items():
            text = translator.text(lang, message_id, **{name: "<x>" for name in variables})
            visible_text(text, "HTML")


def test_a_prompt_file_that_does_not_parse_fails_at_load(tmp_path: Path) -> None:
    # FluentBundle.add_resource returns nothing and skips what the parser could not read (Junk): the
    # check on its result never fired, and the broken messages went missing one by one at run time.
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "broken.ftl").write_text("hello = Hallo\nthis is not fluent\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.ftl"):
        Translator(tmp_path)


def test_files_match_per_language() -> None:
    names = {lang: sorted(p.name for p in (PROMPTS_DIR / lang).glob("*.ftl")) for lang in LANGUAGES}
    assert names["nl"] == names["en"]


def test_code_uses_only_message_ids_that_exist() -> None:
    known = set(messages("nl"))
    pattern = re.compile(r'(?:Reply|Choice|\.t|text)\(\s*"([a-z][a-z0-9-]+)"')
    missing = []
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            for message_id in pattern.findall(path.read_text(encoding="utf-8")):
                if message_id not in known:
                    missing.append(f"{path.name}: {message_id}")
    assert missing == []
