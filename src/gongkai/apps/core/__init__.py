"""Shared UI shell: base layout, home page, login page and error pages. No models."""
