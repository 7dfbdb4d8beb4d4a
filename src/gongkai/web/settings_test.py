"""Settings of the test suite and of mypy's Django plugin: the project settings with a fixed,
test-only secret key, fast password hashing and static files read from the apps (no
``collectstatic``). The environment still picks the database (``DATABASE_URL``)."""

from __future__ import annotations

import os

os.environ.setdefault(
    "GONGKAI_SECRET_KEY", "gongkai-test-suite-only-not-a-real-secret-key-0123456789"
)

from gongkai.web.settings import *  # noqa: E402,F403 (the project settings, then the test changes)
from gongkai.web.settings import DATABASES, STORAGES, TASK_QUEUES  # noqa: E402

# Hashing with the production PBKDF2 costs ~0.3 s per login; tests need no strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs `collectstatic` to have run; tests render from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A task runs at once, in the process that queues it (the applicant's notifications after the
# step's commit, a job started by a page). The tests of the worker (tests/cli/test_worker.py,
# tests/web/test_jobs.py) run the database backend with a real `gongkai worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}

# The read replica is the test database itself (a mirror: Django connects a second time to the
# database it created for "default"). Nothing is routed to it in the suite: the router is off,
# and tests/web/test_replica.py turns it on (override_settings(DATABASE_ROUTERS=…)).
DATABASES = {
    "default": DATABASES["default"],
    "replica": {
        **DATABASES["default"],
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS") or {}),
        "TEST": {"MIRROR": "default"},
    },
}
DATABASE_ROUTERS = []

# The year summaries are refreshed by the tests that need them (tests/web/test_summaries*.py),
# not by a job after every commit of every test (the immediate backend would run it inside the
# request or the action that committed).
GONGKAI_SUMMARIES_AUTO_REFRESH = False
