""""Today" for every date-dependent output.

Builds and tests pin it with ``SOURCE_DATE_EPOCH`` (seconds since 1970, the
reproducible-builds convention); otherwise it is the date the build runs. Pages that
must stay true after the build (review due, current chair) re-decide in the browser
and use this date only as the fallback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime


def build_datetime() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError as exc:  # pragma: no cover - message path tested via today()
            raise ValueError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {epoch!r}"
            ) from exc
    return datetime.now(tz=UTC)


def today() -> date:
    return build_datetime().date()


def epoch_for(d: date) -> str:
    """The SOURCE_DATE_EPOCH value for midday UTC on ``d`` (handy in tests)."""
    return str(int(datetime(d.year, d.month, d.day, 12, tzinfo=UTC).timestamp()))


@contextmanager
def pinned_today(d: date) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH to ``d`` in this process (and so for the processes it starts),
    then put back what was there: for fixtures and benchmarks that run on a fixed day."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch_for(d)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def month_year(d: date) -> str:
    return d.strftime("%B %Y")


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months (negative: back), on the last day of a shorter month."""
    import calendar

    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
