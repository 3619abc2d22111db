"""The coordinator's dashboard: a web page served by Brug's own tornado server, opened as a Telegram Web App
from ``/overzicht`` or in a browser after a login through a Telegram deep link.

``auth`` checks Telegram's Web App ``initData`` and signs the session cookie (pure functions), ``logins``
keeps the deep-link logins, ``data`` reads what each page shows, ``web`` holds the tornado handlers.
"""
