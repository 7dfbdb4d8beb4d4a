"""Nothing to register: the core app has no models."""

__all__: list[str] = []
