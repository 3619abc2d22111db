"""Broad support, the one rule: how many 👍 a proposal needs before it goes ahead.

The proposals feature (``bot.domain.actions``) applies it to a card; the reminders (``bot.domain.reminders``) use it to
tell the group how many more are needed. Both count "active members" the same way: seen in the last
``ACTIVE_PERIOD``.
"""

from __future__ import annotations

import math
from datetime import timedelta

# A member counts as active when Brug saw them in the group this long ago at most.
ACTIVE_PERIOD = timedelta(days=30)


def support_needed(threshold: int, active_members: int) -> int:
    """Broad support: the group's threshold, or a third of the active members if that is fewer.

    A threshold of 0 means the group does not ask for support: every action simply goes ahead.
    """
    if threshold <= 0:
        return 0
    return max(1, min(threshold, math.ceil(active_members / 3)))


def supporters_missing(threshold: int, active_members: int, supporters: int) -> int:
    """How many more supporters make broad support (0 when there is broad support already)."""
    return max(0, support_needed(threshold, active_members) - supporters)
