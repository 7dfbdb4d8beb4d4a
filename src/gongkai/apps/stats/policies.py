"""Permission policies of the stats app: matters, decisions and money records allow what their
body allows."""

from __future__ import annotations

from gongkai.apps.orgs.policies import BodyScopedPolicy
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord

__all__ = ["decision_policy", "matter_policy", "money_policy"]

matter_policy: BodyScopedPolicy[Matter] = BodyScopedPolicy(Matter)
decision_policy: BodyScopedPolicy[Decision] = BodyScopedPolicy(Decision)
money_policy: BodyScopedPolicy[MoneyRecord] = BodyScopedPolicy(MoneyRecord)
