"""`chenbao weather phrase|fetch|fill|status`: the weather desk on the command line."""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chenbao.weather import wording


class Command(BaseCommand):
    help = "Weather desk: word forecast data, fetch forecasts, fill a page's weather box."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        phrase = sub.add_parser("phrase", help="print the printed wording of a JSON list of days")
        phrase.add_argument("file", help="a JSON file, or - for standard input")
        phrase.add_argument("--style", help="house style: ascii or fullwidth (default: settings)")
        fetch = sub.add_parser(
            "fetch", help="fetch the forecast and store it (keeps the last good)"
        )
        fetch.add_argument("--provider", help="file or open-meteo (default: settings)")
        fetch.add_argument("--file", help="the bureau file or drop folder (file provider)")
        fetch.add_argument("--location", help="the place (default: settings)")
        fetch.add_argument("--days", type=int, default=5)
        fill = sub.add_parser("fill", help="fill a printed page's weather box with three days")
        fill.add_argument("--date", required=True, help="the edition's date, YYYY-MM-DD")
        fill.add_argument("--page", required=True, help="the page number, e.g. A02")
        fill.add_argument("--location", help="the place (default: settings)")
        sub.add_parser("status", help="say whether the stored forecast is fresh")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _phrase(self, options):
        from django.conf import settings

        style = options["style"] or settings.CHENBAO["WEATHER_STYLE"]
        days = _read_days(options["file"])
        lines = []
        for i, day in enumerate(days, start=1):
            if not isinstance(day, dict):
                raise CommandError(f"第{i}天：应为对象（JSON object）", returncode=2)
            try:
                lines.append(wording.format_day(wording.day_from_data(day), style=style))
            except wording.WordingError as exc:
                raise CommandError(f"第{i}天 {exc}", returncode=2) from exc
        for line in lines:
            self.stdout.write(line)

    def _fetch(self, options):
        from chenbao.weather.providers import ForecastProvider
        from chenbao.weather.providers.filedrop import FileDropProvider
        from chenbao.weather.services import WeatherError, forecast_fetch, provider_from_settings

        provider: ForecastProvider
        try:
            if options["file"]:
                provider = FileDropProvider(options["file"])
            else:
                provider = provider_from_settings(options["provider"])
        except WeatherError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        outcome = forecast_fetch(
            provider=provider, location=options["location"], days=options["days"]
        )
        if not outcome.fetch.ok:
            raise CommandError(
                f"获取失败（保留上次成功的预报）：{outcome.fetch.error}", returncode=1
            )
        for forecast in outcome.days:
            self.stdout.write(forecast.printed_text)

    def _fill(self, options):
        from chenbao.editions.models import PrintedPage
        from chenbao.weather.services import WeatherError, forecast_box_fill

        try:
            date = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError(
                f"--date {options['date']!r} 不是日期（如 2022-12-02）", returncode=2
            ) from exc
        page = PrintedPage.objects.filter(
            edition__date=date, number=options["page"].upper()
        ).first()
        if page is None:
            raise CommandError(f"{date} 没有 {options['page'].upper()} 版", returncode=2)
        try:
            days = forecast_box_fill(page=page, location=options["location"])
        except WeatherError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for day in days:
            self.stdout.write(day.text)

    def _status(self, options):
        from chenbao.weather.selectors import weather_status

        status = weather_status()
        if status.last_good is None:
            self.stdout.write(f"{status.location}：还没有成功获取过预报")
        else:
            self.stdout.write(
                f"{status.location}：上次成功获取 {timezone.localtime(status.last_good.at):%Y-%m-%d %H:%M}"
                f"（{status.age_hours} 小时前，来源 {status.last_good.provider}）"
            )
        if status.failing and status.last_attempt is not None:
            self.stdout.write(f"最近一次获取失败：{status.last_attempt.error}")
        if status.stale:
            raise CommandError("预报已过期，请核对后再用于版面", returncode=1)


def _read_days(path: str) -> list:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
    except OSError as exc:
        raise CommandError(f"无法读取 {path}：{exc.strerror}", returncode=2) from exc
    try:
        days = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path}：不是有效的 JSON（第{exc.lineno}行：{exc.msg}）", returncode=2
        ) from exc
    if not isinstance(days, list):
        raise CommandError(f"{path}：应为每日预报的 JSON 列表", returncode=2)
    return days
