"""The catalog of proactively disclosed information (主动公开目录, ``disclosure-law.md`` §2)."""
