"""文号: numbered per body, kind and year, without gaps or duplicates (issue 12, item 4).

:func:`take_number` must run inside the transaction that records the letter: it locks the
series' counter row (``SELECT … FOR UPDATE``) and raises it by one, so a concurrent letter of
the same series waits until this one is committed or rolled back — a letter refused after its
number was taken rolls the counter back with it (no gap), and no two letters read the same
value (no duplicate). The row of a new series is inserted first with ``ON CONFLICT DO
NOTHING`` (two first letters of a year both insert; one row results) and then locked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.apps.letters.choices import NUMBER_CODES
from gongkai.apps.letters.models import LetterCounter
from gongkai.apps.orgs.models import Body
from gongkai.domain.letters import LetterKind

__all__ = ["Number", "format_number", "number_prefix", "take_number"]


@dataclass(frozen=True)
class Number:
    year: int
    sequence: int
    text: str


def number_prefix(body: Body) -> str:
    """The body's 机关代字 (its setting; else its short name or name)."""
    return body.letter_number_prefix.strip() or body.short_name.strip() or body.name


def format_number(body: Body, kind: LetterKind, year: int, sequence: int) -> str:
    """徐政信公〔2024〕12号 (a 答复书); the other kinds carry their code: 徐政信公补〔2024〕3号."""
    return f"{number_prefix(body)}{NUMBER_CODES[kind]}〔{year}〕{sequence}号"


def take_number(body: Body, kind: LetterKind, year: int) -> Number:
    """The next 文号 of ``body``'s ``kind`` letters of ``year`` (inside the caller's
    transaction, which records the letter)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that records the letter")
    LetterCounter.objects.bulk_create(
        [LetterCounter(body=body, kind=kind.value, year=year, last=0)], ignore_conflicts=True
    )
    counter = LetterCounter.objects.select_for_update().get(body=body, kind=kind.value, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return Number(year, counter.last, format_number(body, kind, year, counter.last))
