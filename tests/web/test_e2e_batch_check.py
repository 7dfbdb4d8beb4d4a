"""End to end in Debian chromium: 批量检查 — upload a zip of fixture reports, watch the job
finish on its page, open a report, filter, and download the Excel result.

The job goes through the database task backend: queued by the upload, it runs when the test
starts a worker (django-tasks-db's, in this process; separate worker processes:
tests/cli/test_worker.py) while the page polls its progress and shows the result."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect
from test_batch_check import HUAIAN, PINGTAN, fixtures_zip

pytestmark = pytest.mark.e2e


def test_upload_a_zip_watch_the_job_and_download_the_workbook(
    page: Page, live_server: Any, user: Any, shared_dir: Path, tmp_path: Path, settings: Any
) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path / "var"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    archive = tmp_path / "一批年报.zip"
    archive.write_bytes(fixtures_zip(shared_dir))

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/reports/check/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("clerk-password-1")
    page.get_by_role("button", name="登录").click()

    page.get_by_test_id("batch-check").click()
    expect(page.get_by_role("heading", name="批量检查", exact=True)).to_be_visible()
    page.get_by_label("年报文件或压缩包").set_input_files(str(archive))
    page.get_by_role("button", name="上传并开始批量检查").click()

    # The job's page: it says what started; the job waits for a worker.
    expect(page.get_by_text("已开始批量检查")).to_be_visible()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "queued")
    expect(page.get_by_test_id("download-xlsx")).to_have_count(0)
    # A worker runs it; the page, polling, shows it finished with its reports.
    Worker(
        queue_names=["default"],
        worker_id="e2e",
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        excluded_queue_names=[],
    ).run()
    expect(page.get_by_test_id("job-status")).to_have_text("已完成", timeout=60_000)
    expect(page.get_by_test_id("job-progress")).to_have_text("已读取 3 / 3 个文件")
    expect(page.get_by_test_id("batch-summary")).to_have_text("共 3 个文件，读取了 2 份年报。")
    rows = page.get_by_test_id("batch-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(HUAIAN)
    expect(rows.nth(2)).to_contain_text("坏文件.pdf")

    # Filtered by severity: 平潭's report with its warning.
    page.get_by_label("级别").select_option("warning")
    page.get_by_role("button", name="筛选").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(PINGTAN)

    # The report: its tables with the warning marked on the cells.
    rows.first.get_by_role("link").click()
    expect(page.get_by_test_id("report-org")).to_have_text(PINGTAN)
    expect(page.locator("table.report-table.s3")).to_be_visible()
    assert page.locator("table.report-table td.has-warning").count() > 0
    expect(page.get_by_test_id("findings")).to_contain_text("T1")
    page.go_back()

    # The Excel result.
    with page.expect_download() as download_info:
        page.get_by_test_id("download-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "年报批量检查结果.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    files = [row[0] for row in workbook["年报"].iter_rows(min_row=2, values_only=True)]
    assert files == [
        "一批年报.zip/年报/001.txt",
        "一批年报.zip/年报/005.txt",
        "一批年报.zip/年报/坏文件.pdf",
    ]
