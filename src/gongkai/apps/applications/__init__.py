"""Applications for disclosure (依申请公开): registration, handling, reply, deadlines, lapses."""
