"""文号 under concurrent generation (issue 12, item 4): 50 letters made at once from threads,
each with its own connection, get 50 distinct consecutive numbers — no gap, no duplicate."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection, connections
from letters_world import replied_case, set_up_body

from gongkai.apps.applications.models import Application
from gongkai.apps.letters.actions import generate_letter
from gongkai.apps.letters.models import Letter, LetterCounter

pytestmark = pytest.mark.django_db(transaction=True)

LETTERS = 50
CASES = 5


@pytest.fixture(autouse=True)
def _postgresql() -> None:
    """Row locks between connections need PostgreSQL: the suite's SQLite test database is in
    memory, shared between connections with table locks that fail at once instead of waiting
    (CI runs this file on PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent numbering is tested on PostgreSQL (SQLite: in-memory test db)")


def test_fifty_letters_made_at_once_get_fifty_consecutive_numbers(
    dept_a: Any, register: Any, clerk_a: Any
) -> None:
    set_up_body(dept_a)
    cases = [replied_case(register, clerk_a, applicant_name=f"申请人{i}") for i in range(CASES)]
    barrier = threading.Barrier(LETTERS)
    failures: list[BaseException] = []

    def make(i: int) -> None:
        try:
            app = Application.objects.get(pk=cases[i % CASES].pk)
            barrier.wait()
            generate_letter(app, "reply", acting_user=clerk_a)
        except BaseException as exc:  # noqa: BLE001 - the test reports what the thread raised
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make, args=(i,)) for i in range(LETTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    numbers = list(Letter.objects.values_list("number", flat=True))
    sequences = sorted(int(re.fullmatch(r"某教信公〔2026〕(\d+)号", n)[1]) for n in numbers)  # type: ignore[index]
    assert sequences == list(range(1, LETTERS + 1))
    assert LetterCounter.objects.get(body=dept_a, kind="reply", year=2026).last == LETTERS
