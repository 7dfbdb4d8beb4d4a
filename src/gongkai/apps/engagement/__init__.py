"""Public engagement the annual report narrates: leaders' mailbox messages, NPC suggestions and
CPPCC proposals handled by the body (办理、答复、公开)."""
