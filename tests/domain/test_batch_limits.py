"""The batch engine (:mod:`gongkai.domain.batch`) under the sandbox's limits and with damaged
zips: a file over a limit, or a corrupt part of a zip, fails alone with one Chinese line and the
run goes on."""

from __future__ import annotations

import zipfile
from pathlib import Path

from gongkai.domain.batch import run_batch
from gongkai.domain.sandbox import SandboxLimits
from shared_files import FIXTURE_DIR


def test_a_file_over_the_memory_limit_fails_alone() -> None:
    # 40 MB of address space: not enough for the PDF library.
    limits = SandboxLimits(cpu_seconds=10, memory_bytes=40 * 1024 * 1024, wall_seconds=30)
    given = [FIXTURE_DIR / "001.pdf", FIXTURE_DIR / "011.txt"]
    progress: list[tuple[int, int]] = []
    result = run_batch(given, jobs=1, limits=limits, progress=lambda *p: progress.append(p))
    pdf, text = result.items
    assert pdf.report is None
    # PDFium either raises MemoryError (the limit's own message) or, when the allocation fails
    # inside the C++ library, aborts the process (SIGABRT: a crash, read again alone, aborts
    # again) — which one depends on how much the worker had already mapped (seen: a first run
    # that compiles the modules' bytecode). Either way the file fails alone, in one line.
    assert pdf.error in (
        "无法读取“001.pdf”：处理这份文件需要的内存超过了 40 MB 的上限，"
        "已停止：请确认文件是正常的年报",
        "读取“001.pdf”时程序出错，请把这份文件发给平台维护者",
    )
    # The run went on. (Whether the text file is read under such a tight limit depends on
    # whether it was in the worker that died: its second reading, alone in the sandbox, needs
    # more than 40 MB to start.)
    assert text.file == str(FIXTURE_DIR / "011.txt")
    assert (text.report is None) != (text.error is None)
    assert progress[0] == (0, 2) and progress[-1] == (2, 2)


def test_a_corrupt_part_of_a_zip_fails_alone(tmp_path: Path) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.write(FIXTURE_DIR / "011.txt", "a/011.txt")
        zf.write(FIXTURE_DIR / "001.txt", "b/001.txt")
    data = bytearray(archive.read_bytes())
    start = data.index("温州".encode())  # inside the stored 011.txt: its CRC no longer matches
    data[start : start + 6] = "杭州".encode()
    archive.write_bytes(bytes(data))
    result = run_batch([archive], jobs=2)
    broken, good = result.items
    assert (broken.file, broken.error) == (
        f"{archive}/a/011.txt",
        "无法读取“011.txt”：压缩包中的这个文件已损坏",
    )
    assert good.file == f"{archive}/b/001.txt" and good.report is not None
    assert good.report.org == "淮安市人民政府"
