"""公示栏与广播: notices posted offline and broadcasts, with photo evidence (issue 14)."""
