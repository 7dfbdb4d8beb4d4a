"""Permission policies of the letters app: a letter allows what its application's body allows
(the case's staff make and read them, a 上级 reads them); a body's template allows what the
body allows, and only its 管理员 ``administer``s it (upload, reset)."""

from __future__ import annotations

from gongkai.apps.letters.models import Letter, LetterCounter, LetterTemplate
from gongkai.apps.orgs.policies import BodyScopedPolicy

__all__ = ["letter_counter_policy", "letter_policy", "letter_template_policy"]

letter_policy: BodyScopedPolicy[Letter] = BodyScopedPolicy(Letter, "application__body")
letter_template_policy: BodyScopedPolicy[LetterTemplate] = BodyScopedPolicy(LetterTemplate)
letter_counter_policy: BodyScopedPolicy[LetterCounter] = BodyScopedPolicy(LetterCounter)
