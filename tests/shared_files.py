"""Where the suite finds the project's shared files: the seed report and the real published
reports beside the checkout (``<checkout>/../shared``, as in CI and on a developer's machine).
They are part of the contract: a missing file fails the tests that read it, it never skips
them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["FIXTURE_DIR", "REPO_ROOT", "SEED_NAME", "SEED_ORG", "SEED_REPORT", "SHARED_DIR"]

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
SEED_NAME = "000_9fd22329478e75da.txt"
SEED_ORG = "徐套乡人民政府"
#: 徐套乡人民政府's 2019 annual report, the seed the platform must produce and read back.
SEED_REPORT = SHARED_DIR / "seeds" / SEED_NAME
FIXTURE_DIR = SHARED_DIR / "fixtures" / "reports"
