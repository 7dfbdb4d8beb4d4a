"""Permission policies of the notices app: a notice (and its photos) allow what its body
allows. Any 经办人 of the body uploads photos: a village agent (村信息员) is registered as a
经办人 of the township (docs/architecture.md, "会议公开与线下渠道")."""

from __future__ import annotations

from gongkai.apps.notices.models import NoticePhoto, OfflineNotice
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["notice_policy", "photo_policy"]

notice_policy: BodyScopedPolicy[OfflineNotice] = BodyScopedPolicy(OfflineNotice)
photo_policy: BodyScopedPolicy[NoticePhoto] = BodyScopedPolicy(NoticePhoto, "notice__body")
