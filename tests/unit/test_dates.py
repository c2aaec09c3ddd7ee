from datetime import date

from procedures.core.dates import epoch_for, month_year, today


def test_source_date_epoch_pins_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(1983, 6, 15)))
    assert today() == date(1983, 6, 15)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(date(2100, 1, 1)))
    assert today() == date(2100, 1, 1)


def test_month_year_is_british():
    assert month_year(date(2024, 3, 31)) == "March 2024"
