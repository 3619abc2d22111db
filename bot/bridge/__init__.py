"""Brug on other chat services than Telegram: one small transport interface and a bridge onto it.

``interface`` is the whole contract a chat service implements (Signal, the local console). ``botapi``
serves the Bot API calls Brug's handlers make from that contract, so the domain services, the handlers
and the prompts stay exactly as they are for Telegram.
"""
