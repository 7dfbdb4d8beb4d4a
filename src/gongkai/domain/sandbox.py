"""Reading untrusted files in a child process with CPU-time, memory and wall-clock limits.

The limits of :mod:`gongkai.domain.limits` refuse the hostile files we know of before any
work; this module bounds what any file may still cost, so that a file nobody foresaw fails
alone with a Chinese message instead of taking the web worker's memory or CPU (issue 9).

:func:`run_isolated` runs a function of the domain in a child process forked from a
``forkserver`` (started once per web worker, with the readers preloaded: a child starts in
milliseconds and inherits no database connection, thread or lock of the worker). The child
sets ``RLIMIT_CPU`` and ``RLIMIT_AS`` on itself; the parent waits at most the wall-clock
limit, then kills it. Only bytes and plain data cross the pipe: the child never touches the
database. When the child needs something only the parent has (the report of the year before,
from the database), it asks through ``ask`` and waits for the answer.

:func:`read_and_check_isolated` is the one way the platform reads an uploaded report (the
report check, the import of a published report into the workspace). The command line reads
files in its own process (``gongkai report check``: the user's own files on the user's own
machine), with the same limits before work.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from gongkai.domain.parsers import ReportReadError, decode_report, read_decoded
from gongkai.domain.report.model import Report
from gongkai.domain.report.rules import check

__all__ = [
    "DEFAULT_LIMITS",
    "SandboxError",
    "SandboxLimits",
    "limit_error",
    "limit_memory",
    "read_and_check_isolated",
    "run_isolated",
]

_MB = 1024 * 1024


@dataclass(frozen=True)
class SandboxLimits:
    """What one child may spend: CPU seconds, address space, and wall-clock seconds (the
    wall clock also covers the parent's answers to the child's questions)."""

    cpu_seconds: int = 15
    memory_bytes: int = 1024 * _MB
    wall_seconds: float = 30.0


DEFAULT_LIMITS = SandboxLimits()

Ask = Callable[[Any], Any]


class SandboxError(Exception):
    """The child ran out of a limit or failed without an expected error: one Chinese sentence
    (``str``). ``reason`` is ``cpu``, ``memory`` or ``wall`` for a limit, ``crash`` for a
    failure that is our bug (the child's traceback or signal in ``detail``, to log, never to
    show)."""

    def __init__(self, message: str, *, reason: str, detail: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail

    @property
    def crashed(self) -> bool:
        return self.reason == "crash"


def limit_error(limits: SandboxLimits, reason: str) -> SandboxError:
    """The error of a reader that ran out of ``reason`` (``cpu``, ``memory``, ``wall``)."""
    spent = {
        "memory": f"需要的内存超过了 {limits.memory_bytes // _MB} MB 的上限",
        "cpu": f"超过了 {limits.cpu_seconds} 秒的计算时间上限",
        "wall": f"超过了 {limits.wall_seconds:.0f} 秒的时间上限",
    }[reason]
    return SandboxError(f"处理这份文件{spent}，已停止：请确认文件是正常的年报", reason=reason)


def limit_memory(limits: SandboxLimits) -> None:
    """Bound this process's address space to ``limits.memory_bytes`` (a reader child, a worker
    of the batch reader's pool)."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


_context: Any = None


def _forkserver() -> Any:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["gongkai.domain.sandbox"])
        _context = context
    return _context


def _child(
    conn: Connection,
    limits: SandboxLimits,
    target: Callable[..., Any],
    args: tuple[Any, ...],
    expected: tuple[type[BaseException], ...],
    asks: bool,
) -> None:
    """The child: limit itself, run ``target(*args)`` (``ask=`` too when the parent answers
    questions), send back the outcome."""
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    limit_memory(limits)

    def ask(question: Any) -> Any:
        conn.send(("ask", question))
        return conn.recv()

    try:
        value = target(*args, ask=ask) if asks else target(*args)
    except expected as exc:
        conn.send(("raised", exc))
    except MemoryError:
        conn.send(("memory", None))
    except BaseException:  # noqa: BLE001 - our bug: the parent logs it
        conn.send(("crash", traceback.format_exc()))
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        conn.send(("ok", (value, peak)))
    conn.close()


def run_isolated(
    target: Callable[..., Any],
    *args: Any,
    ask: Ask | None = None,
    expected: tuple[type[BaseException], ...] = (),
    limits: SandboxLimits = DEFAULT_LIMITS,
) -> tuple[Any, int]:
    """``target(*args)`` in a child process under ``limits``: (its value, the child's peak
    resident memory in bytes).

    ``target`` is a module-level function (the child imports it by name); its arguments and
    value are pickled. An ``expected`` exception raised in the child is raised here as it is;
    any other failure, and running out of a limit, is a :class:`SandboxError`. With ``ask``,
    ``target`` is also given ``ask=``, a function that sends a question to the parent and
    returns ``ask(question)`` computed there.
    """
    context = _forkserver()
    parent, child = context.Pipe()
    process = context.Process(
        target=_child, args=(child, limits, target, args, expected, ask is not None), daemon=True
    )
    process.start()
    child.close()
    deadline = time.monotonic() + limits.wall_seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not parent.poll(remaining):
                raise limit_error(limits, "wall")
            try:
                kind, payload = parent.recv()
            except EOFError:  # the child died without a word: a limit, or a hard crash
                process.join(1)
                code = process.exitcode
                if code == -signal.SIGXCPU:
                    raise limit_error(limits, "cpu") from None
                if code == -signal.SIGKILL:  # the kernel's OOM killer
                    raise limit_error(limits, "memory") from None
                raise SandboxError(
                    "读取文件的进程意外退出，错误已记录",
                    reason="crash",
                    detail=f"reader process exit code {code}",
                ) from None
            if kind == "ask" and ask is not None:
                parent.send(ask(payload))
                continue
            if kind == "ok":
                value, peak = payload
                return value, peak
            if kind == "raised":
                raise payload
            if kind == "memory":
                raise limit_error(limits, "memory")
            raise SandboxError(
                "读取文件时程序出错，错误已记录", reason="crash", detail=str(payload)
            )
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()


def _read_and_check(
    data: bytes, filename: str, ask: Ask | None = None
) -> tuple[str, dict[str, Any]]:
    """In the child: the text and the checked report (as JSON data) of an uploaded file;
    ``ask`` gives the report of the year before (as JSON data) from the report as read."""
    decoded = decode_report(data, filename)
    report = read_decoded(decoded, filename)
    prior = None
    if ask is not None:
        answer = ask(report.to_dict())
        prior = Report.from_dict(answer) if answer is not None else None
    check(report, prior)
    return decoded.text, report.to_dict()


def read_and_check_isolated(
    data: bytes,
    filename: str,
    previous: Callable[[Report], Report | None] | None = None,
    *,
    limits: SandboxLimits = DEFAULT_LIMITS,
) -> tuple[str, Report]:
    """Read the uploaded file ``data`` as an annual report and check it, in a child process
    under ``limits``: (the decoded text, the checked report).

    ``previous`` gives the report of the year before (for the cross-year rules) from the
    report as read; it runs here, in the parent. Raises :class:`ReportReadError` (one Chinese
    sentence naming the file) for a file that cannot be read or runs out of a limit, and
    :class:`SandboxError` (``crashed``) for a failure of the reader itself (a bug to log).
    """

    def answer(report_data: dict[str, Any]) -> dict[str, Any] | None:
        assert previous is not None
        prior = previous(Report.from_dict(report_data))
        return prior.to_dict() if prior is not None else None

    label = f"“{filename}”" if filename else "文件"
    try:
        (text, report_data), _peak = run_isolated(
            _read_and_check,
            data,
            filename,
            ask=answer if previous is not None else None,
            expected=(ReportReadError,),
            limits=limits,
        )
    except SandboxError as exc:
        if exc.crashed:
            raise
        raise ReportReadError(f"无法读取{label}：{exc}") from exc
    return text, Report.from_dict(report_data)
