"""Permission policy of 网上申请: a submission allows what its body allows (its personal data
is shown only to the body's staff: the staff pages ask for ``change``)."""

from __future__ import annotations

from gongkai.apps.online.models import OnlineRequest
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["online_request_policy"]

online_request_policy: BodyScopedPolicy[OnlineRequest] = BodyScopedPolicy(OnlineRequest)
