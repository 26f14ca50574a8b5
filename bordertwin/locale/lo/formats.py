"""Lao dates and numbers as official Lao documents write them: 25/06/2022, 1.200.000.000,5.

Django ships no Lao formats; without this module a Lao page would fall back to the
project-wide defaults (American dates with month names taken from the Vietnamese catalogue).
"""

# Official Lao documents write dates and numbers as Vietnamese ones do.
from bordertwin.locale.vi.formats import (  # noqa: F401
    DATE_FORMAT,
    DATETIME_FORMAT,
    DECIMAL_SEPARATOR,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)
