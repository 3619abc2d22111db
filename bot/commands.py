"""The command menu Telegram shows (``setMyCommands``); descriptions come from prompts/."""

from __future__ import annotations

from bot.i18n import Translator

# In the order members see them in Telegram's menu.
COMMANDS = (
    "actie", "acties", "mijn", "stil", "herinner", "agenda", "partners", "profiel", "taal", "help",
    "overzicht", "instellingen", "export", "coordinator", "mijngegevens", "vergeetmij",
)


def command_menu(translator: Translator, lang: str) -> list[tuple[str, str]]:
    """(command, description) pairs; Telegram wants plain descriptions of at most 256 characters."""
    import html

    return [
        (name, html.unescape(str(translator.text(lang, f"command-{name}")))[:256])
        for name in COMMANDS
    ]
