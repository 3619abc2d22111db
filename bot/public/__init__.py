"""The neighbourhood's pages: an action's public invitation, "ik kom ook", the group's public profile."""
