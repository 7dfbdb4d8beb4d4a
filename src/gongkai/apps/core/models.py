"""The core app has no models: it provides the layout, home, login and error pages."""

__all__: list[str] = []
