"""What Brug knows and decides, without Telegram: the features' rules (proposals, actions, commitments,
reminders, partners, agenda …), the words and texts, the button registry. A test can call every function here
without a chat (import-linter holds it to that)."""
