"""Writes of the weather desk: fetch forecasts, override their wording, fill a page's box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chenbao.core.bulk import rows_insert
from chenbao.core.services import audit_record
from chenbao.editions.models import PrintedPage
from chenbao.weather import wording
from chenbao.weather.models import Forecast, ForecastFetch, PrintedForecastDay
from chenbao.weather.providers import ForecastProvider, ProviderError
from chenbao.weather.providers.filedrop import FileDropProvider
from chenbao.weather.providers.openmeteo import OpenMeteoProvider

BOX_DAYS = 3


class WeatherError(Exception):
    """A weather desk action that cannot be done; the message is for the editor, in Chinese."""


def weather_style() -> str:
    return settings.CHENBAO["WEATHER_STYLE"]


def provider_from_settings(name: str | None = None) -> ForecastProvider:
    """Return the configured provider (CHENBAO["WEATHER_PROVIDER"]: "file" or "open-meteo")."""
    conf = settings.CHENBAO
    name = name or conf.get("WEATHER_PROVIDER", "file")
    if name == "file":
        return FileDropProvider(conf.get("WEATHER_FILE", ""))
    if name == "open-meteo":
        place = (conf["WEATHER_LATITUDE"], conf["WEATHER_LONGITUDE"])
        return OpenMeteoProvider(
            places={conf["WEATHER_LOCATION"]: place},
            timeout_s=conf.get("WEATHER_HTTP_TIMEOUT", 10.0),
            retries=conf.get("WEATHER_HTTP_RETRIES", 3),
        )
    raise WeatherError(f"未知的天气数据来源“{name}”（可选：file、open-meteo）")


@dataclass(frozen=True)
class FetchOutcome:
    fetch: ForecastFetch
    days: list[Forecast]


def forecast_fetch(
    *,
    provider: ForecastProvider,
    location: str | None = None,
    days: int = 5,
    now: dt.datetime | None = None,
) -> FetchOutcome:
    """Fetch `days` days from `provider` and store them as the last good forecast.

    A provider failure or data that cannot be worded stores nothing but the failed
    attempt: the forecasts already stored stay as they are (the last good forecast).
    Overrides typed by the editor survive a new fetch.
    """
    location = location or settings.CHENBAO["WEATHER_LOCATION"]
    now = now or timezone.now()
    style = weather_style()
    try:
        data = provider.fetch(location, days)
        if not data:
            raise ProviderError("没有取得任何预报")
        worded = [(day, wording.day_from_data(day, style=style)) for day in data]
    except (ProviderError, wording.WordingError) as exc:
        failed = ForecastFetch.objects.create(
            location=location, provider=provider.name, at=now, ok=False, error=str(exc)
        )
        return FetchOutcome(failed, [])
    with transaction.atomic():
        stored = []
        for day, parsed in worded:
            date = dt.date.fromisoformat(str(day["date"]))
            forecast, _ = Forecast.objects.update_or_create(
                location=location,
                date=date,
                defaults={
                    "data": {**day, "date": date.isoformat()},
                    "text": parsed.text,
                    "provider": provider.name,
                    "fetched_at": now,
                },
            )
            stored.append(forecast)
        done = ForecastFetch.objects.create(
            location=location, provider=provider.name, at=now, ok=True, days=len(stored)
        )
    return FetchOutcome(done, stored)


@transaction.atomic
def forecast_override(*, forecast: Forecast, text: str, user=None) -> Forecast:
    """Set (or, with empty text, clear) the editor's wording of a forecast day."""
    text = text.strip()
    if len(text) > 120:
        raise WeatherError("改写的预报文字不能超过 120 个字")
    previous = forecast.override_text
    forecast.override_text = text
    forecast.save(update_fields=["override_text"])
    audit_record(
        actor=user,
        action="forecast.override" if text else "forecast.override_clear",
        obj=forecast,
        detail={"date": forecast.date.isoformat(), "before": previous, "after": text},
    )
    return forecast


@transaction.atomic
def forecast_box_fill(
    *,
    page: PrintedPage,
    location: str | None = None,
    start: dt.date | None = None,
    days: int = BOX_DAYS,
    user=None,
) -> list[PrintedForecastDay]:
    """Fill the weather box of `page` with `days` stored forecast days from `start`.

    `start` defaults to the edition's date. Every day must be stored; a missing day is
    refused naming the dates, and the box is left as it was.
    """
    location = location or settings.CHENBAO["WEATHER_LOCATION"]
    start = start or page.edition.date
    wanted = [start + dt.timedelta(days=i) for i in range(days)]
    found = {f.date: f for f in Forecast.objects.filter(location=location, date__in=wanted)}
    missing = [d for d in wanted if d not in found]
    if missing:
        names = "、".join(f"{d:%m月%d日}" for d in missing)
        raise WeatherError(f"{location} 缺少 {names} 的预报，请先获取天气数据或手工填写")
    page.forecast_days.all().delete()
    boxed = [
        _printed_day(page=page, sort_order=i, date=d, text=found[d].printed_text)
        for i, d in enumerate(wanted)
    ]
    audit_record(
        actor=user,
        action="weather.box_fill",
        obj=page,
        detail={"location": location, "dates": [d.isoformat() for d in wanted]},
    )
    return boxed


def _printed_day(*, page: PrintedPage, sort_order: int, date: dt.date, text: str):
    fields: dict = {}
    try:
        parsed = wording.parse_day(text)
    except wording.WordingError:
        parsed = None  # an editor's free wording: printed as typed, without its parse
    if parsed is not None:
        fields = {
            "sky": list(parsed.sky),
            "wind": [{"direction": w.direction, "force": list(w.force)} for w in parsed.wind],
            "wind_change": parsed.wind_change or "",
            "gust": parsed.gust,
            "temp_min": parsed.temp_min,
            "temp_max": parsed.temp_max,
        }
    return PrintedForecastDay.objects.create(
        page=page, sort_order=sort_order, date=date, text=text, **fields
    )


@dataclass(frozen=True)
class PrintedDay:
    """A forecast day as a page printed it (an import's reading of an old page)."""

    text: str
    date: dt.date | None = None
    sky: tuple[str, ...] = ()
    wind: tuple[dict, ...] = ()  # {"direction": "南风", "force": [2, 3]}
    wind_change: str = ""
    gust: int | None = None
    temp_min: int | None = None
    temp_max: int | None = None


@transaction.atomic
def forecast_days_store(*, page: PrintedPage, days: Sequence[PrintedDay]) -> None:
    """Set the weather box of `page` to `days` as printed, replacing what it had."""
    forecast_days_store_many(days_by_page={page.pk: days})


@transaction.atomic
def forecast_days_store_many(*, days_by_page: dict[int, Sequence[PrintedDay]]) -> None:
    """`forecast_days_store` for many pages (by id) at once: one delete, one insert."""
    PrintedForecastDay.objects.filter(page_id__in=list(days_by_page)).delete()
    rows_insert(
        PrintedForecastDay,
        [
            {
                "page_id": page_id,
                "sort_order": i,
                "date": day.date,
                "text": day.text,
                "sky": list(day.sky),
                "wind": list(day.wind),
                "wind_change": day.wind_change,
                "gust": day.gust,
                "temp_min": day.temp_min,
                "temp_max": day.temp_max,
            }
            for page_id, days in days_by_page.items()
            for i, day in enumerate(days)
        ],
    )
