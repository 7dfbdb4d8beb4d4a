"""The domain package stays free of Django (architecture rule: Django is only the shell)."""

from __future__ import annotations

import ast
from pathlib import Path

import gongkai.domain

DOMAIN = Path(gongkai.domain.__file__).parent


def test_domain_imports_no_django() -> None:
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "gongkai"}
                and not (n.startswith("gongkai.domain") or n == "gongkai")
            ]
    assert offenders == []
    assert len(list(DOMAIN.rglob("*.py"))) > 5  # the walk really saw the package
