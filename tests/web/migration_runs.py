"""Running a migration scenario on a real database of its own: a Python script in a separate
process (its own var dir and SQLite file), whose last line of output is JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["run_migration_script"]


def run_migration_script(script: str, var_dir: Path) -> Any:
    """Run ``script`` with the platform's settings on a fresh database in ``var_dir``; the JSON
    of its last line of output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env.update(GONGKAI_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="gongkai.web.settings")
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
