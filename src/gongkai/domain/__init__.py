"""The pure domain: no Django imports below this package (checked by a test)."""
