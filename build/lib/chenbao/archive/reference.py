"""The reference page: 鲁中晨报, 2 December 2022, page A02, as dumped from its e-paper."""

import datetime as dt
from pathlib import Path

REFERENCE_PAGE = Path(__file__).parent / "fixtures" / "reference-2022-12-02-A02.txt"
REFERENCE_DATE = dt.date(2022, 12, 2)
REFERENCE_NUMBER = "A02"
REFERENCE_NAME = "要闻"
