"""PDF from Word: a .docx (the annual report of :mod:`gongkai.domain.render.docx`, a letter a
body edits as a Word file) converted by LibreOffice headless, the Chinese text embedded and
searchable.

One engine for every document (docs/pdf.md has the measurements and the choice): the
PDF is the Word file as Word lays it out, so a body that edits a template in Word gets the
PDF of what it wrote. Each conversion runs ``soffice --headless --convert-to pdf`` in a child
process with

- its own LibreOffice user profile in a temporary folder (``-env:UserInstallation``): two
  conversions at once would otherwise share, and lock, one profile;
- ``FONTCONFIG_FILE`` set to the platform's ``fonts/fonts.conf``: the official font names of
  government documents (仿宋_GB2312, 方正小标宋简体, 宋体, 黑体, 楷体_GB2312) are aliased to
  Noto Serif/Sans CJK SC (Debian ``fonts-noto-cjk``), which LibreOffice embeds as subsets;
- a wall-clock limit, after which the whole process group is killed.

The engine is ``soffice`` on the ``PATH``, or the program named by the environment variable
``GONGKAI_SOFFICE``. Without it :class:`PdfEngineMissing` says so in one Chinese line; the
Word file does not need it.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from gongkai.domain.render.docx import render_docx
from gongkai.domain.report.model import Report

__all__ = [
    "PDF_CONTENT_TYPE",
    "SOFFICE_ENV",
    "PdfConversionError",
    "PdfEngineMissing",
    "docx_to_pdf",
    "fontconfig_file",
    "render_pdf",
    "soffice_program",
]

PDF_CONTENT_TYPE = "application/pdf"
SOFFICE_ENV = "GONGKAI_SOFFICE"
#: Seconds one conversion may take (a cold start with a fresh profile takes ~2 s here).
DEFAULT_TIMEOUT = 120.0


class PdfConversionError(ValueError):
    """A document could not be converted to PDF (one Chinese line)."""


class PdfEngineMissing(PdfConversionError):
    """The PDF engine (LibreOffice) is not installed or not where it was configured."""


def soffice_program() -> str:
    """The LibreOffice program: ``GONGKAI_SOFFICE`` when set, else ``soffice`` on the PATH."""
    return os.environ.get(SOFFICE_ENV, "").strip() or "soffice"


def fontconfig_file() -> Path:
    """The platform's fontconfig file (the official font names aliased to Noto CJK)."""
    path = Path(str(resources.files("gongkai.domain.render") / "fonts" / "fonts.conf"))
    assert path.is_file(), path  # shipped in the package (package-data *.conf)
    return path


def _missing(program: str) -> PdfEngineMissing:
    return PdfEngineMissing(
        f"未安装 PDF 转换程序 LibreOffice（找不到“{program}”，可用环境变量 {SOFFICE_ENV} "
        "指定其位置），Word 文件仍可下载"
    )


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of the Word document ``data`` (.docx bytes).

    Raises :class:`PdfEngineMissing` without LibreOffice, :class:`PdfConversionError` when
    LibreOffice fails, produces nothing, or runs longer than ``timeout`` seconds."""
    if not _is_docx(data):
        # LibreOffice would open anything (plain bytes as a text document): only Word goes in.
        raise PdfConversionError("不是 Word（.docx）文件，无法转换为 PDF")
    program = soffice_program()
    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        env = {
            **os.environ,
            "FONTCONFIG_FILE": str(fontconfig_file()),
            "HOME": str(work),  # nothing of the service account's home is read or written
        }
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=work,
                start_new_session=True,  # its own process group: a timeout kills soffice.bin too
            )
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            raise _missing(program) from None
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfConversionError(
                f"PDF 转换超时（超过 {timeout:g} 秒），请稍后重试；Word 文件仍可下载"
            ) from None
        result = work / "out" / "document.pdf"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            said = output.decode("utf-8", "replace").strip().splitlines()
            detail = said[-1] if said else f"退出码 {process.returncode}"
            raise PdfConversionError(f"LibreOffice 未能把 Word 文件转换为 PDF（{detail}）")
        return result.read_bytes()


def render_pdf(report: Report, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The report as PDF: its Word document (:func:`render_docx`) converted by LibreOffice."""
    return docx_to_pdf(render_docx(report), timeout=timeout)
