"""Choice lists of the letters app: the kinds of letter are the domain's
(:class:`gongkai.domain.letters.LetterKind`), with its Chinese labels."""

from __future__ import annotations

from gongkai.domain.letters import LetterKind

__all__ = ["NUMBER_CODES", "letter_kind_choices"]


def letter_kind_choices() -> list[tuple[str, str]]:
    """The kinds as (value, label) for the ``kind`` fields (callable: the list lives in the
    domain and migrations do not repeat it)."""
    return [(kind.value, kind.label) for kind in LetterKind]


#: The character after the body's prefix that tells one kind's series of 文号 from another's
#: (numbered per body, kind and year: 徐政信公补〔2024〕3号 is not 徐政信公〔2024〕3号). The
#: 答复书, the letter every case ends with, keeps the body's plain prefix.
NUMBER_CODES: dict[LetterKind, str] = {
    LetterKind.CORRECTION: "补",
    LetterKind.EXTENSION: "延",
    LetterKind.CONSULTATION: "征",
    LetterKind.FEE: "费",
    LetterKind.REPLY: "",
    LetterKind.DELIVERY: "送",
}
