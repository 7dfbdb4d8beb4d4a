"""Permission policies of the engagement app: messages, proposals and consultations allow what
their body allows; a comment what its consultation's body allows."""

from __future__ import annotations

from gongkai.apps.engagement.models import Comment, Consultation, MailboxMessage, Proposal
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["comment_policy", "consultation_policy", "message_policy", "proposal_policy"]

message_policy: BodyScopedPolicy[MailboxMessage] = BodyScopedPolicy(MailboxMessage)
proposal_policy: BodyScopedPolicy[Proposal] = BodyScopedPolicy(Proposal)
consultation_policy: BodyScopedPolicy[Consultation] = BodyScopedPolicy(Consultation)
comment_policy: BodyScopedPolicy[Comment] = BodyScopedPolicy(Comment, "consultation__body")
