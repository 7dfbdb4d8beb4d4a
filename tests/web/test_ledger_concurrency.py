"""Simultaneous imports of one ledger into one body (issue 9, finding 8), with real threads and
real connections: the imports run one after the other (the body's row is locked for the whole
import), the first creates the records and the others find them, each record once — no
``IntegrityError`` (a 500 on the page), no doubled rows in the ledgers without a key."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import test_ledgers_import as generated
from django.db import connection, connections

from gongkai.apps.applications.ledgers import import_applications
from gongkai.apps.applications.models import Application
from gongkai.apps.stats.ledgers import import_matters
from gongkai.apps.stats.models import Decision
from gongkai.domain.ledgers.table_io import write_csv
from gongkai.kernel.ledgers import ImportResult

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    """The threads need one database they all reach with their own connections and locks:
    PostgreSQL, or an SQLite file. The suite's SQLite test database is in memory, shared
    between connections with table locks that fail at once instead of waiting (``database
    table is locked``): that is the test database, not the platform's SQLite file, which
    waits for the write lock taken at ``BEGIN IMMEDIATE`` (checked by
    ``benchmarks/concurrent_imports.py`` against an SQLite file)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the SQLite test database is in memory (see the fixture's note)")


THREADS = 3


def run_at_once(job: Callable[[], ImportResult]) -> list[ImportResult | BaseException]:
    """``job`` in :data:`THREADS` threads started together; what each returned or raised."""
    barrier = threading.Barrier(THREADS)
    outcomes: list[ImportResult | BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            outcomes.append(job())
        except BaseException as exc:  # noqa: BLE001 - the test reports what the thread raised
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_three_simultaneous_imports_of_the_same_applications_ledger(dept_a: Any) -> None:
    rows = generated.generate(40)
    data = generated.ledger_bytes(rows, "csv")

    outcomes = run_at_once(lambda: import_applications(dept_a, data, "申请台账.csv"))

    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    results = [o for o in outcomes if isinstance(o, ImportResult)]
    assert sorted(r.created for r in results) == [0, 0, len(rows)]
    assert sorted(r.unchanged for r in results) == [0, len(rows), len(rows)]
    assert Application.objects.filter(body=dept_a).count() == len(rows)


def test_simultaneous_imports_of_a_ledger_without_key_do_not_double_it(dept_a: Any) -> None:
    headers = ("类别", "事项名称", "决定日期", "数量")
    ledger = [
        dict(zip(headers, ("行政许可", f"行政许可事项{i}", date(2025, 3, i + 1), 2), strict=True))
        for i in range(10)
    ]
    data = write_csv(headers, ledger)

    outcomes = run_at_once(lambda: import_matters(dept_a, data, "处理决定.csv", "decisions"))

    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert Decision.objects.filter(body=dept_a).count() == len(ledger)
