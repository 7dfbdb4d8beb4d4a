"""Fuzzing the reader of any supported file (issue 11, "Must show"): published reports as text,
a PDF, a Word template and a web page rendered by the platform, mutated 10,000 times (byte
flips, truncation, insertions, deletions, corrupted parts of the .docx zip, and on the text:
characters replaced, lines run together or broken, blocks moved; a fixed seed).

Every mutant must give a report or one clear Chinese line, never an exception and never a hang.
The mutants are read in-process by :func:`gongkai.domain.batch.read_item` (the reader with the
file limits of :mod:`gongkai.domain.limits`, as each batch worker runs it) and checked in two worker
processes so both cores work; a few hundred go through the real batch path
(:func:`gongkai.domain.batch.run_batch`: files and a zip, the pool with the sandbox's limits)
and must give what the in-process reader gives.
"""

from __future__ import annotations

import io
import random
import re
import traceback
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gongkai.domain.batch import BatchItem, read_item, run_batch
from gongkai.domain.parsers import REPORT_SUFFIXES, read_report_bytes
from gongkai.domain.render.html import render_html_document
from gongkai.domain.report.rules import check
from shared_files import FIXTURE_DIR, SEED_REPORT, SHARED_DIR

SEED = 20261206
MUTANTS = 10_000
IN_BATCH = 300
CHUNK = 250
# A message for people: one line with Chinese in it, no Python exception name, no traceback.
_PYTHON_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Warning)\b|Traceback|File \"")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_INSERTS: tuple[bytes, ...] = (
    b"\x00",
    b"\n\n\n",
    b"\t|\t",
    "（七）总计".encode(),
    "三、收到和处理政府信息公开申请情况\n".encode(),
    "１２３４５".encode(),
    b"<table><tr><td rowspan=3 colspan=2>",
    b"</td></tr></table>",
    b"&nbsp;&#x4e00;&#99999999;",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"endstream endobj xref trailer",
    "一二三四五六七八九十".encode("gb18030"),
)


def _originals() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(FIXTURE_DIR.glob("*.txt"))}
    files["seed.txt"] = SEED_REPORT.read_bytes()
    files["001.pdf"] = (FIXTURE_DIR / "001.pdf").read_bytes()
    docx = SHARED_DIR / "fixtures" / "docx" / "annual-report-template-2021.docx"
    files["template.docx"] = docx.read_bytes()
    seed = read_report_bytes(files["seed.txt"], "seed.txt")
    files["seed.html"] = render_html_document(seed).encode("utf-8")
    return files


def _bytes_mutation(rng: random.Random, data: bytes) -> bytes:
    """One byte-level mutation: flips, truncation, insertion, deletion, duplication."""
    size = max(len(data), 1)
    op = rng.randrange(6)
    if op == 0:  # flip bits
        out = bytearray(data)
        for _ in range(rng.randint(1, 32)):
            if out:
                out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    at = rng.randrange(size)
    if op == 1:  # truncation
        return data[:at]
    if op == 2:  # insert random bytes
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
    if op == 3:  # insert something a reader looks for: labels, digit runs, markup, magics
        piece = rng.choice((*_INSERTS, str(rng.randrange(10 ** rng.randint(1, 80))).encode()))
        return data[:at] + piece * rng.randint(1, 4) + data[at:]
    if op == 4:  # delete a slice
        return data[:at] + data[at + rng.randint(1, 2000) :]
    start = rng.randrange(size)  # duplicate a slice elsewhere
    return data[:at] + data[start : start + rng.randint(1, 4000)] + data[at:]


_CHARS = "0123456789０１２３４５６７８９ \t\n|｜，。、：（）一二三四五六七总计年度件项—-.%"


def _text_mutation(rng: random.Random, data: bytes) -> bytes:
    """One mutation of the text as characters (a byte-level one mostly leaves a few damaged
    bytes, which the decoder replaces and reports, so the table reader sees little of it):
    characters replaced, lines joined (a flattened table), split or duplicated, a slice cut;
    encoded as UTF-8 or GB18030."""
    text = data.decode("utf-8", errors="replace")
    chars = list(text)
    op = rng.randrange(5)
    if op == 0 and chars:
        for _ in range(rng.randint(1, 40)):
            chars[rng.randrange(len(chars))] = rng.choice(_CHARS)
    elif op == 1:  # lines run together, with or without a space
        joiner = rng.choice(("", " ", "  "))
        for _ in range(rng.randint(1, 60)):
            at = text.find("\n", rng.randrange(len(text) + 1))
            if at >= 0:
                text = text[:at] + joiner + text[at + 1 :]
        chars = list(text)
    elif op == 2:  # lines broken in the middle
        for _ in range(rng.randint(1, 30)):
            chars.insert(rng.randrange(len(chars) + 1), "\n")
    elif op == 3:  # a block of lines duplicated or moved
        lines = "".join(chars).split("\n")
        at, size = rng.randrange(len(lines)), rng.randint(1, 30)
        block = lines[at : at + size]
        if rng.random() < 0.5:
            del lines[at : at + size]
        lines[rng.randrange(len(lines) + 1) : 0] = block
        chars = list("\n".join(lines))
    else:
        at = rng.randrange(len(chars) + 1)
        del chars[at : at + rng.randint(1, 3000)]
    encoding = "gb18030" if rng.random() < 0.2 else "utf-8"
    return "".join(chars).encode(encoding, errors="replace")


def _zip_mutation(rng: random.Random, data: bytes) -> bytes:
    """A .docx with one part corrupted (mostly word/document.xml), rezipped; or a part dropped;
    or the container's own bytes mutated."""
    op = rng.randrange(4)
    if op == 0:
        return _bytes_mutation(rng, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):  # broken before
        return _bytes_mutation(rng, data)
    names = [name for name, _ in parts]
    target = "word/document.xml" if rng.random() < 0.7 else rng.choice(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            if name == target:
                if op == 1:
                    continue  # the part is missing
                for _ in range(rng.randint(1, 3)):
                    content = _bytes_mutation(rng, content)
            archive.writestr(name, content)
    return buffer.getvalue()


def _mutants(start: int, stop: int) -> list[tuple[str, bytes]]:
    """Mutants ``start``..``stop`` of the fixed sequence (each from its own seed, so a chunk
    is made where it is read)."""
    originals = _originals()
    names = sorted(originals)
    out = []
    for n in range(start, stop):
        rng = random.Random(SEED * 100_003 + n)
        name = names[n % len(names)]
        data = originals[name]
        mutate: Callable[[random.Random, bytes], bytes] = _bytes_mutation
        if name.endswith(".docx"):
            mutate = _zip_mutation
        elif name.endswith((".txt", ".html")) and rng.random() < 0.6:
            mutate = _text_mutation
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            data = mutate(rng, data)
        out.append((f"{n:05d}-{name}", data))
    return out


def _problem(item: BatchItem) -> str | None:
    """What is wrong with the outcome of one mutant (None: a report, or a clear line)."""
    if item.report is not None:
        return None if item.error is None else "both a report and an error"
    error = item.error or ""
    if not error or "\n" in error or not _CHINESE.search(error) or _PYTHON_NAME.search(error):
        return f"unclear error line: {error!r}"
    return None


def _read_chunk(start: int, stop: int) -> list[str]:
    """In a worker: read mutants ``start``..``stop`` in-process; the problems found."""
    problems = []
    for file, data in _mutants(start, stop):
        try:
            item = read_item(file, data)
            if item.report is not None:
                check(item.report)
        except Exception:  # noqa: BLE001 - the failure this test looks for
            problems.append(f"{file}: {traceback.format_exc(limit=-3)}")
            continue
        problem = _problem(item)
        if problem:
            problems.append(f"{file}: {problem}")
    return problems


def test_ten_thousand_mutants_give_a_report_or_one_clear_line() -> None:
    chunks = [(start, min(start + CHUNK, MUTANTS)) for start in range(0, MUTANTS, CHUNK)]
    problems: list[str] = []
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(_read_chunk, start, stop) for start, stop in chunks]
        for future in futures:
            # No hang: a chunk of 250 files reads in a few seconds.
            problems.extend(future.result(timeout=120))
    assert problems == [], "\n".join(problems[:20])


def test_mutants_through_the_batch_give_what_the_reader_gives(tmp_path: Path) -> None:
    # The kinds of file a folder or a zip is searched for (the web page once its reader is in).
    mutants = [
        (file, data)
        for file, data in _mutants(MUTANTS, MUTANTS + IN_BATCH)
        if Path(file).suffix in REPORT_SUFFIXES
    ]
    assert len(mutants) >= IN_BATCH * 9 // 10
    loose, zipped = mutants[: len(mutants) // 2], mutants[len(mutants) // 2 :]
    folder = tmp_path / "mutants"
    folder.mkdir()
    for file, data in loose:
        (folder / file).write_bytes(data)
    with zipfile.ZipFile(folder / "zz.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for file, data in zipped:
            archive.writestr(f"in/{file}", data)
    result = run_batch([folder], jobs=2)
    assert len(result.items) == len(mutants)
    expected = {f"{folder}/{file}": read_item(file, data) for file, data in loose}
    expected |= {f"{folder}/zz.zip/in/{file}": read_item(file, data) for file, data in zipped}
    assert [item.file for item in result.items] == sorted(expected)
    for item in result.items:
        assert _problem(item) is None, item
        alone = expected[item.file]
        assert item.error == alone.error, item.file
        if alone.report is not None:
            assert item.report is not None
            assert (item.report.cells, item.report.provenance) == (
                alone.report.cells,
                alone.report.provenance,
            )
    assert result.failed and result.reports  # the mutants are of both kinds
