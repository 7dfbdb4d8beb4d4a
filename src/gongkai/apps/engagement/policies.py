"""Permission policies of the engagement app: messages and proposals allow what their body
allows."""

from __future__ import annotations

from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["message_policy", "proposal_policy"]

message_policy: BodyScopedPolicy[MailboxMessage] = BodyScopedPolicy(MailboxMessage)
proposal_policy: BodyScopedPolicy[Proposal] = BodyScopedPolicy(Proposal)
