"""The probes of a running site (``benchmarks/bench_slow_clients.py``: slow clients, a big
anonymous POST), loaded as a module for the tests that start a server: the tests and the
benchmark measure the same way."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from shared_files import REPO_ROOT

__all__ = ["PROMPT_S", "load_probe"]

#: A third client's answer while two slow clients trickle: well under any server timeout, so it
#: was answered, not released by a timeout (the sync workers left it waiting 60 s).
PROMPT_S = 3.0


def load_probe() -> ModuleType:
    path = REPO_ROOT / "benchmarks" / "bench_slow_clients.py"
    spec = importlib.util.spec_from_file_location("bench_slow_clients", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
