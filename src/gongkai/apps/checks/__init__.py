"""年报检查: upload a published annual report, read its tables and check them."""
