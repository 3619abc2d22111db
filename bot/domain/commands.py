"""Every command Brug answers, in one list: Telegram's menu (``setMyCommands``, descriptions from
prompts/), the words each one also answers to, and the handlers' registrations (``names``).
``tests/test_foundation.py`` checks that every registered command is here and every one here is handled."""

from __future__ import annotations

from bot.domain.i18n import Translator

# In the order members see them in Telegram's menu, each with the other words it answers to.
COMMANDS: dict[str, tuple[str, ...]] = {
    "actie": (), "acties": (), "mijn": (), "stil": ("pauze", "quiet"), "herinner": ("herinneringen",),
    "agenda": (), "helpmee": ("meehelpen", "helpen"), "partners": (), "profiel": ("profile",), "buurt": ("neighbourhood",),
    "taal": ("language",), "help": ("hulp",), "bron": ("source",),
    "overzicht": ("overview",), "instellingen": ("settings",), "export": (),
    "coordinator": ("coordinatoren",), "mijngegevens": ("mydata",), "vergeetmij": ("forgetme",),
}
# Answered but not in the menu: Telegram's own "Start" button.
HIDDEN: dict[str, tuple[str, ...]] = {"start": ()}


def names(command: str) -> list[str]:
    """The command and the other words it answers to, for its ``CommandHandler``."""
    known = COMMANDS.get(command, HIDDEN.get(command))
    if known is None:
        raise KeyError(f"/{command} is not in bot.commands.COMMANDS")
    return [command, *known]


def command_menu(translator: Translator, lang: str) -> list[tuple[str, str]]:
    """(command, description) pairs; Telegram wants plain descriptions of at most 256 characters."""
    import html

    return [
        (name, html.unescape(str(translator.text(lang, f"command-{name}")))[:256])
        for name in COMMANDS
    ]
