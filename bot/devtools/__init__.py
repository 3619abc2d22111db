"""Tools for trying Brug without Telegram: the Bot API emulator (``brug try``) and the console demo
(``brug demo``). Not used by a running bot."""
