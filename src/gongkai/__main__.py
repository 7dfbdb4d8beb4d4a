"""``python -m gongkai`` is the ``gongkai`` command."""

from gongkai.cli.main import run

run()
