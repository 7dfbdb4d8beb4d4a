"""Demo data: the 中宁县 jurisdiction with 徐套乡's 2019 (the seed report) and 2020–2025 of
the other bodies (``gongkai demo load``, ``gongkai demo``). See :mod:`gongkai.demo.loader`."""
