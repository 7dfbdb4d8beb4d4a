"""Fixtures of the web tests: users, logged-in clients, the seed report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

SEED_NAME = "000_9fd22329478e75da.txt"
SEED_ORG = "徐套乡人民政府"


@pytest.fixture(autouse=True)
def _web_test_settings(settings: Any) -> None:
    # Hashing with the production PBKDF2 costs ~0.3 s per login; tests need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The manifest storage needs `collectstatic` to have run; tests render from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed_path(shared_dir: Path) -> Path:
    path = shared_dir / "seeds" / SEED_NAME
    if not path.is_file():
        pytest.skip(f"seed report not available: {path}")
    return path


@pytest.fixture
def user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "clerk", password="clerk-password-1", first_name="张三"
    )


@pytest.fixture
def other_user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("other", password="other-password-1")


@pytest.fixture
def clerk_client(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client
