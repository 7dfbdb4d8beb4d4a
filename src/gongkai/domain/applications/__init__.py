"""Applications for disclosure (依申请公开): outcomes, counting for the annual report, deadlines."""
