"""Permission policies of the cases app: a case allows what its body allows."""

from __future__ import annotations

from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["review_case_policy"]

review_case_policy: BodyScopedPolicy[ReviewCase] = BodyScopedPolicy(ReviewCase)
