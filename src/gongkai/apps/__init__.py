"""Django apps of the platform (one per domain area; see docs/development)."""
