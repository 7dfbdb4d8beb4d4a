"""会议公开: the meetings a body holds and the publication of their minutes (issue 14)."""
