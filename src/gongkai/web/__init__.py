"""The Django project: settings, URLs, WSGI entry point and the runtime helpers used by the CLI."""
