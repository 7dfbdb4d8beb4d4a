"""Settings: database selection from DATABASE_URL, SQLite pragmas, fail-fast secret key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from gongkai.web import settings as project_settings


def test_default_database_is_sqlite_in_var_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = project_settings.database_config()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]) == project_settings.GONGKAI_VAR_DIR / "gongkai.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "PRAGMA busy_timeout=5000" in config["OPTIONS"]["init_command"]


def test_sqlite_file_database_really_uses_wal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, django_db_blocker: Any
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    config = project_settings.database_config()
    config.setdefault("TIME_ZONE", None)
    config.setdefault("CONN_MAX_AGE", 0)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    config.setdefault("AUTOCOMMIT", True)
    config.setdefault("ATOMIC_REQUESTS", False)
    wrapper = SQLiteWrapper(config, alias="wal-check")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 5000
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
    finally:
        wrapper.close()


def test_postgres_url_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://gk:s3cret@db.example.org:5433/gongkai")
    config = project_settings.database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("gongkai", "gk", "s3cret")
    assert (config["HOST"], int(config["PORT"])) == ("db.example.org", 5433)
    assert "transaction_mode" not in config.get("OPTIONS", {})


def test_unsupported_database_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://u:p@localhost/gk")
    with pytest.raises(ImproperlyConfigured, match="只支持"):
        project_settings.database_config()


def test_active_database_matches_environment(settings: Any) -> None:
    expected = (
        "django.db.backends.postgresql"
        if os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
        else "django.db.backends.sqlite3"
    )
    assert settings.DATABASES["default"]["ENGINE"] == expected


def test_i18n_and_time_settings(settings: Any) -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert settings.GONGKAI_MAX_UPLOAD_BYTES == 5 * 1024 * 1024 or "GONGKAI_MAX_UPLOAD_BYTES" in (
        os.environ
    )


# =============================================================================================
# Secret key
# =============================================================================================


def test_secret_key_from_environment_wins(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("from-file\n")
    key = project_settings.read_secret_key("from-env", tmp_path / "secret_key", debug=False)
    assert key == "from-env"


def test_secret_key_from_file(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("from-file\n")
    key = project_settings.read_secret_key("", tmp_path / "secret_key", debug=False)
    assert key == "from-file"


def test_no_secret_key_without_debug_fails_fast(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_SECRET_KEY"):
        project_settings.read_secret_key("", tmp_path / "secret_key", debug=False)
    dev = project_settings.read_secret_key("", tmp_path / "secret_key", debug=True)
    assert dev.startswith("django-insecure")


def test_insecure_key_without_debug_fails_fast(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="不安全"):
        project_settings.read_secret_key(
            "django-insecure-abc", tmp_path / "secret_key", debug=False
        )


def _import_settings(
    tmp_path: Path, shown: str = "DEBUG", **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    clean.update({"GONGKAI_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", f"import gongkai.web.settings as s; print(s.{shown})"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_without_key_refuse_to_load(tmp_path: Path) -> None:
    result = _import_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "GONGKAI_SECRET_KEY" in result.stderr


def test_debug_settings_load_without_key(tmp_path: Path) -> None:
    result = _import_settings(tmp_path, GONGKAI_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_summaries_auto_refresh_is_on_unless_the_environment_says_false(
    tmp_path: Path, settings: Any
) -> None:
    shown = "GONGKAI_SUMMARIES_AUTO_REFRESH"
    on = _import_settings(tmp_path, shown, GONGKAI_DEBUG="true")
    assert on.stdout.strip() == "True", on.stderr
    off = _import_settings(tmp_path, shown, GONGKAI_DEBUG="true", **{shown: "false"})
    assert off.stdout.strip() == "False", off.stderr
    assert settings.GONGKAI_SUMMARIES_AUTO_REFRESH is False  # the suite refreshes by hand
