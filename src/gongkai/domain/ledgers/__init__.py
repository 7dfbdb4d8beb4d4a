"""Ledgers (台账): reading, checking and writing the Excel/CSV ledgers of ``ledger-formats.md``."""
