"""The road of an update, and of Brug's answer: the durable inbox, per-chat lanes, one database unit of
work per update, commit-then-deliver, the webhook server and its limits, the tick. docs/architecture.md
walks it."""
