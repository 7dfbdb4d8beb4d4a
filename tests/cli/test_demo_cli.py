"""``gongkai demo load`` as a user runs it: a subprocess on a fresh SQLite file.

The demo is loaded once per module (about 10–25 s); each test that changes records works on a
copy of the loaded database.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.domain.report.model import Report
from gongkai.domain.report.rules import check

SEED = "000_9fd22329478e75da.txt"
Runner = Callable[..., subprocess.CompletedProcess[str]]


def _table_counts(db: Path) -> dict[str, int]:
    """Rows of every table (history tables included: a second load must add none)."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _dump(db: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory, process_runner: Callable[[Path], Runner]
) -> dict[str, object]:
    """The demo loaded twice into a fresh database: counts after each load."""
    directory = tmp_path_factory.mktemp("demo")
    run = process_runner(directory)
    first = run("demo", "load")
    assert first.returncode == 0, first.stderr
    db = directory / "db.sqlite3"
    counts_first = _table_counts(db)
    items_first = _dump(db, "catalog_catalogitem")
    second = run("demo", "load")
    assert second.returncode == 0, second.stderr
    return {
        "dir": directory,
        "db": db,
        "run": run,
        "first": first,
        "second": second,
        "counts_first": counts_first,
        "counts_second": _table_counts(db),
        "items_first": items_first,
        "items_second": _dump(db, "catalog_catalogitem"),
    }


@pytest.fixture
def copy_of_loaded(
    loaded: dict[str, object], tmp_path: Path, process_runner: Callable[[Path], Runner]
) -> Runner:
    shutil.copyfile(loaded["db"], tmp_path / "db.sqlite3")  # type: ignore[arg-type]
    shutil.copytree(loaded["dir"] / "var", tmp_path / "var")  # type: ignore[operator]
    return process_runner(tmp_path)


def _build(run: Runner, org: str, year: int) -> Report:
    done = run("report", "build", "--org", org, "--year", str(year), "--json")
    assert done.returncode == 0, done.stderr
    return Report.from_dict(json.loads(done.stdout))


def test_demo_load_prints_counts_and_accounts(loaded: dict[str, object]) -> None:
    out = loaded["first"].stdout  # type: ignore[attr-defined]
    assert "演示数据" in out and "徐套乡" in out and "合计" in out
    for username in ("demo", "county", "admin", "zrzy", "jyj", "scjg", "rsj", "xzf"):
        assert username in out
    assert "gongkai-demo" in out and "中宁县自然资源局" in out
    assert "Traceback" not in loaded["first"].stderr  # type: ignore[attr-defined]


def test_demo_load_twice_leaves_the_same_records(loaded: dict[str, object]) -> None:
    first = loaded["counts_first"]
    second = loaded["counts_second"]
    assert first == second
    assert first["catalog_catalogitem"] > 2500  # type: ignore[index]
    assert first["applications_application"] > 300  # type: ignore[index]
    assert first["stats_decision"] > 2000  # type: ignore[index]
    assert loaded["items_first"] == loaded["items_second"]


def test_xutao_2019_equals_every_cell_of_the_seed(
    loaded: dict[str, object], shared_dir: Path
) -> None:
    seed = shared_dir / "seeds" / SEED
    assert seed.is_file(), seed
    run: Runner = loaded["run"]  # type: ignore[assignment]
    parsed = run("report", "parse", str(seed), "--json")
    assert parsed.returncode == 0, parsed.stderr
    printed = json.loads(parsed.stdout)
    built = _build(run, "徐套乡人民政府", 2019)
    assert built.format == printed["format"] == "2019"
    read = {k: v for k, v in printed["cells"].items() if printed["provenance"][k] == "read"}
    assert len(read) > 70  # table 二 and the printed rows of tables 三 and 四
    assert {k: built.cells[k] for k in read} == read
    # what the seed prints of table 二, spelled out
    cells = built.cells
    assert [cells[f"s2.licensing.{c}"] for c in ("prev_items", "change", "decisions")] == [5, 0, 34]
    assert [cells[f"s2.other_services.{c}"] for c in ("prev_items", "change", "decisions")] == [
        48,
        0,
        2833,
    ]
    assert [cells[f"s2.penalty.{c}"] for c in ("prev_items", "change", "decisions")] == [12, 0, 12]
    assert [cells[f"s2.compulsion.{c}"] for c in ("prev_items", "change", "decisions")] == [
        9,
        0,
        21,
    ]
    assert [cells["s2.fees.prev_items"], cells["s2.fees.change"]] == [1, 0]
    assert cells["s2.procurement.projects"] == 0
    assert all(v == 0 for k, v in cells.items() if k.startswith(("s3.", "s4.")))
    # The draft narrative states the seed's facts that the records give, and T1 agrees.
    narrative = built.narrative["一"]
    for fact in (
        "行政许可事项5项",
        "处理决定34件",
        "其他对外管理服务事项48项",
        "处理决定2833件",
        "行政处罚事项12项",
        "行政强制事项9项",
        "处理决定21件",
        "公开行政事业性收费1项",
        "政府网站发布信息0条",
        "共制发文件120份，其中35份的公开属性为依申请公开",
        "人大代表建议1件",
        "办结率100%",
        "未收到政府信息公开的申请",
    ):
        assert fact in narrative, fact
    assert not [f for f in built.findings if f.rule == "T1" or f.severity == "error"]


def test_xutao_2019_pdf_has_every_cell_of_the_seed(
    loaded: dict[str, object], shared_dir: Path
) -> None:
    """The annual report PDF of the seed's body and year (LibreOffice from the Word file) has
    the official tables: the platform's PDF reader gives back every cell the seed prints."""
    from gongkai.domain.parsers import read_report_bytes, read_report_file

    run: Runner = loaded["run"]  # type: ignore[assignment]
    out = loaded["dir"] / "徐套乡2019.pdf"  # type: ignore[operator]
    done = run(
        "report", "build", "--org", "徐套乡人民政府", "--year", "2019", "--to", "pdf", "-o", out
    )
    assert done.returncode == 0, done.stderr
    back = read_report_bytes(out.read_bytes(), out.name)
    seed = read_report_file(shared_dir / "seeds" / SEED)
    assert (back.format, back.year, back.org) == ("2019", 2019, "徐套乡人民政府")
    read = [key for key in seed.spec.cell_keys if seed.provenance.get(key) == "read"]
    assert len(read) > 70
    assert {key: back.get(key) for key in read} == {key: seed.get(key) for key in read}


def test_xutao_2019_catalog_and_engagement(loaded: dict[str, object]) -> None:
    db: Path = loaded["db"]  # type: ignore[assignment]
    with sqlite3.connect(db) as conn:
        (body,) = conn.execute("SELECT id FROM orgs_body WHERE name = '徐套乡人民政府'").fetchone()

        def one(sql: str) -> int:
            return int(conn.execute(sql, {"b": body}).fetchone()[0])

        items = "FROM catalog_catalogitem WHERE body_id = :b"
        made_2019 = f"{items} AND made_on LIKE '2019-%' AND doc_number LIKE '徐政发〔2019〕%'"
        assert one(f"SELECT COUNT(*) {made_2019}") == 120
        assert one(f"SELECT COUNT(*) {made_2019} AND disclosure = '依申请公开'") == 35
        assert one(f"SELECT COUNT(*) {items} AND category != 'other'") == 0
        published = f"{items} AND published_on LIKE '2019-%'"
        assert 1340 < one(f"SELECT COUNT(*) {published}") < 1350
        assert one(f"SELECT COUNT(*) {published} AND channels LIKE '%政府网站%'") == 0
        assert 200 < one(f"SELECT COUNT(*) {published} AND channels LIKE '%政务新媒体%'") < 250
        board = "(channels LIKE '%公开栏%' OR channels LIKE '%广播电视%')"
        assert 1000 < one(f"SELECT COUNT(*) {published} AND {board}") < 1200
        # every published item passed the 保密审查 before publication
        assert one(f"SELECT COUNT(*) {published} AND secrecy_conclusion != 'approved'") == 0
        mail = "FROM engagement_mailboxmessage WHERE body_id = :b"
        assert 10 < one(f"SELECT COUNT(*) {mail}") < 20
        assert one(f"SELECT COUNT(*) {mail} AND replied_on IS NULL") == 0
        proposals = "FROM engagement_proposal WHERE body_id = :b"
        assert one(f"SELECT COUNT(*) {proposals} AND kind = 'npc_suggestion'") == 1
        assert one(f"SELECT COUNT(*) {proposals} AND published_on IS NOT NULL") == 1
        assert one(f"SELECT COUNT(*) {proposals} AND kind = 'cppcc_proposal'") == 0


def test_natural_resources_2024_passes_every_error_rule(loaded: dict[str, object]) -> None:
    run: Runner = loaded["run"]  # type: ignore[assignment]
    previous = _build(run, "中宁县自然资源局", 2023)
    report = _build(run, "中宁县自然资源局", 2024)
    assert report.format == "2021"
    check(report, previous)
    assert report.errors == []
    cells = report.cells
    # every outcome row and every applicant column has something real
    for row in report.spec.s3_result_rows:
        assert cells[f"s3.{row.key}.total"] > 0, row.key
    for col in ("natural_person", "commercial", "research", "public_welfare", "legal_service"):
        assert cells[f"s3.new_received.{col}"] > 0, col
    assert cells["s3.new_received.other_org"] > 0
    assert cells["s3.carried_over.total"] > 0 and cells["s3.carried_forward.total"] > 0
    assert cells["s4.reconsideration.total"] > 0 and cells["s4.litigation_direct.total"] > 0
    assert sum(cells[f"s4.{b}.pending"] for b in ("reconsideration", "litigation_direct",
               "litigation_after_reconsideration")) > 0  # fmt: skip
    assert cells["s2.normative_docs.issued"] > 0 and cells["s2.normative_docs.repealed"] > 0
    assert cells["s2.licensing.decisions"] > 0 and cells["s2.fees.amount_wan"] > 0


def test_one_more_application_changes_exactly_its_cells(
    loaded: dict[str, object], copy_of_loaded: Runner, tmp_path: Path
) -> None:
    before = _build(copy_of_loaded, "中宁县自然资源局", 2024)
    ledger = tmp_path / "one.csv"
    ledger.write_text(
        "申请编号,收到申请日期,申请方式,申请人类型,申请人,申请内容,办理结果,答复日期\n"
        "2024-9001,2024-05-06,网络,科研机构,某大学,土地利用现状数据,部分公开,2024-05-20\n",
        encoding="utf-8",
    )
    done = copy_of_loaded("import", "applications", str(ledger), "--org", "中宁县自然资源局")
    assert done.returncode == 0, done.stderr
    after = _build(copy_of_loaded, "中宁县自然资源局", 2024)
    changed = {k for k in after.cells if after.cells[k] != before.cells[k]}
    assert changed == {
        "s3.new_received.research",
        "s3.new_received.total",
        "s3.partial.research",
        "s3.partial.total",
        "s3.total_processed.research",
        "s3.total_processed.total",
    }
    assert after.cells["s3.partial.research"] == before.cells["s3.partial.research"] + 1
    # and loading the demo again restores the demo's own records only (the extra one stays)
    assert copy_of_loaded("demo", "load").returncode == 0
    assert _build(copy_of_loaded, "中宁县自然资源局", 2024).cells == after.cells


def test_demo_load_reports_a_bad_database_in_one_line(
    tmp_path: Path, process_runner: Callable[[Path], Runner]
) -> None:
    (tmp_path / "db.sqlite3").mkdir()  # where the database file should be: SQLite cannot open it
    done = process_runner(tmp_path)("demo", "load")
    assert done.returncode == 2
    assert "错误" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_demo_reports_at_every_step_of_the_workflow(loaded: dict[str, object]) -> None:
    db: Path = loaded["db"]  # type: ignore[assignment]
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT b.name, r.year, r.status, r.error_count FROM reports_annualreport r "
            "JOIN orgs_body b ON b.id = r.body_id"
        ).fetchall()
        events = dict(
            conn.execute("SELECT kind, COUNT(*) FROM reports_reportevent GROUP BY kind").fetchall()
        )
    status = {(name, year): s for name, year, s, _errors in rows}
    assert {s for (_n, y), s in status.items() if y == 2023} == {"published"}
    assert status[("中宁县教育局", 2024)] == "submitted"
    assert status[("中宁县市场监督管理局", 2024)] == "returned"
    assert status[("中宁县人力资源和社会保障局", 2024)] == "approved"
    assert status[("石空镇人民政府", 2024)] == "draft"
    assert ("中宁县自然资源局", 2024) not in status  # left to try the workflow
    assert ("徐套乡人民政府", 2019) not in status  # its report is the draft from records
    assert all(errors == 0 for *_rest, errors in rows)
    assert events["return"] == 1 and events["publish"] == 7


def test_demo_online_requests_wait_for_confirmation(loaded: dict[str, object]) -> None:
    db: Path = loaded["db"]  # type: ignore[assignment]
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT b.name, r.status FROM applications_onlinerequest r "
            "JOIN orgs_body b ON b.id = r.body_id"
        ).fetchall()
    assert rows == [("中宁县自然资源局", "pending")] * 2  # not added again by the second load
