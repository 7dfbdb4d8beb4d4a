"""Permission policy of the meetings app: a meeting allows what its body allows."""

from __future__ import annotations

from gongkai.apps.meetings.models import Meeting
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["meeting_policy"]

meeting_policy: BodyScopedPolicy[Meeting] = BodyScopedPolicy(Meeting)
