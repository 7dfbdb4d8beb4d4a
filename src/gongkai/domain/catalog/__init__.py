"""The catalog of information (主动公开目录): 索引号 and metadata (``disclosure-law.md`` §2)."""
