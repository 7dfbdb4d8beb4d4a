"""The written documents of the application procedure (issue 12): which letters a case calls
for, what each states, and the Word templates they are rendered from (docs/letters.md)."""

from __future__ import annotations

from gongkai.domain.letters.context import (
    VARIANTS,
    LetterRefused,
    cn_date,
    cn_date_upper,
    letter_context,
    reply_variant,
)
from gongkai.domain.letters.facts import (
    ApplicationFacts,
    BodyFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    LetterKind,
    letters_called_for,
)
from gongkai.domain.letters.templates import (
    REQUIRED_PLACEHOLDERS,
    TemplateProblem,
    check_template,
    default_template,
    render_letter,
    sample_context,
    template_placeholders,
)

__all__ = [
    "REQUIRED_PLACEHOLDERS",
    "VARIANTS",
    "ApplicationFacts",
    "BodyFacts",
    "ConsultationFacts",
    "CorrectionFacts",
    "ExtensionFacts",
    "FeeFacts",
    "LetterKind",
    "LetterRefused",
    "TemplateProblem",
    "check_template",
    "cn_date",
    "cn_date_upper",
    "default_template",
    "letter_context",
    "letters_called_for",
    "render_letter",
    "reply_variant",
    "sample_context",
    "template_placeholders",
]
