"""The architecture holds: the import-linter layers contract passes on the code base and fails
on a deliberately added cycle; no module imports another module's private names."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_layers_contract_is_kept() -> None:
    result = _lint_imports(SRC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_cycle_breaks_the_contract(tmp_path: Path) -> None:
    """The kernel importing a feature app (orgs → … → kernel → reports: a cycle) is refused."""
    shutil.copytree(
        SRC / "gongkai", tmp_path / "gongkai", ignore=shutil.ignore_patterns("__pycache__")
    )
    cycle = tmp_path / "gongkai" / "kernel" / "cycle.py"
    cycle.write_text("from gongkai.apps.reports import models  # noqa: F401\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "gongkai.kernel is not allowed to import gongkai.apps.reports" in result.stdout
    assert "gongkai.kernel.cycle -> gongkai.apps.reports" in result.stdout


def _private_imports() -> list[str]:
    """``from gongkai.x import _name`` where x is another module (a private name crossing a
    module boundary)."""
    found = []
    for path in sorted((SRC / "gongkai").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gongkai"):
                for alias in node.names:
                    if alias.name.startswith("_") and node.module != module:
                        found.append(f"{module}: from {node.module} import {alias.name}")
    return found


def test_no_private_name_crosses_a_module() -> None:
    assert _private_imports() == []


@pytest.mark.parametrize("tree", ["src", "tests"])
def test_no_importorskip_of_the_project(tree: str) -> None:
    """A broken module of ours must fail the suite, not skip its tests."""
    needle = "importorskip(" + '"gongkai'
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / tree).rglob("*.py")
        if needle in path.read_text(encoding="utf-8").replace("'", '"')
    ]
    assert offenders == []
