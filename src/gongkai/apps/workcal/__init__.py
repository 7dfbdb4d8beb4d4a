"""The platform's working-day calendar (工作日历): holidays and 调休 working weekends per year."""
