"""A token allows what its body allows: only the body's 管理员 ``administer``s it (creates and
revokes it); its staff and 上级 see nothing of it beyond that."""

from __future__ import annotations

from gongkai.apps.api.models import ApiToken
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["api_token_policy"]

api_token_policy: BodyScopedPolicy[ApiToken] = BodyScopedPolicy(ApiToken)
