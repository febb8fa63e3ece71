"""Read numbers as a Chinese paper prints them (pure: no Django).

`read_number("11.06亿")` → 1106000000, `read_number("三点五亿")` → 350000000,
`read_number("十二万五千")` → 125000, `read_number("两千")` → 2000, `read_number("1.2万")` →
12000. Arabic digits (half or full width, with thousands commas), Chinese digits with 点 for
the decimal point, and the magnitudes 十百千万亿 in any sensible mix.

Why not cn2an or jionlp alone: cn2an raises on 三点五亿 and jionlp reads 三点五亿元 as 5亿
(decision 0025). The grammar is small enough to read exactly, with `Decimal` so that
11.06亿 is 1106000000 and not 1105999999.9999999.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

CN_DIGIT_CHARS = "".join(DIGITS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


class NumeralError(ValueError):
    """The text is not a number this reader understands."""


def _arabic(text: str) -> Decimal:
    try:
        return Decimal(text.translate(FULL_WIDTH).replace(",", ""))
    except InvalidOperation as exc:
        raise NumeralError(f"不是数字：{text}") from exc


def _cn_section(text: str) -> Decimal:
    """A number below 万 written in Chinese: 三千五百, 十二, 两百零五, 三五 (digit by digit)."""
    if not text:
        return Decimal(0)
    if all(ch in DIGITS for ch in text):  # 二〇二二, 三五: read digit by digit
        return Decimal("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            raise NumeralError(f"不是中文数字：{text}")
    if digit is not None:
        total += digit
    return Decimal(total)


def _cn_integer(text: str) -> Decimal:
    """A Chinese integer with 万/亿: 十二万五千, 三亿零五百万, 两千."""
    total = Decimal(0)
    below_yi = Decimal(0)
    section = ""
    for ch in text:
        if ch in ("亿", "億"):
            part = below_yi + _cn_section(section)
            total += (part or 1) * BIG_UNITS[ch]
            below_yi, section = Decimal(0), ""
        elif ch in ("万", "萬"):
            below_yi += (_cn_section(section) or 1) * BIG_UNITS[ch]
            section = ""
        else:
            section += ch
    return total + below_yi + _cn_section(section)


def _cn_fraction(text: str) -> Decimal:
    if not text or not all(ch in DIGITS for ch in text):
        raise NumeralError(f"小数部分不是中文数字：{text}")
    return Decimal("0." + "".join(str(DIGITS[ch]) for ch in text))


def _split_magnitude(text: str) -> tuple[str, Decimal]:
    """'11.06亿' → ('11.06', 1e8); '三点五亿' → ('三点五', 1e8); '1.2万' → ('1.2', 1e4)."""
    factor = Decimal(1)
    end = len(text)
    while end > 0 and text[end - 1] in BIG_UNITS:
        factor *= BIG_UNITS[text[end - 1]]
        end -= 1
    return text[:end], factor


def read_number(text: str) -> Decimal:
    """The value of a printed number, magnitudes folded in."""
    text = text.strip().translate(FULL_WIDTH)
    if not text:
        raise NumeralError("空的数字")
    if text[0].isdigit():
        head, factor = _split_magnitude(text)
        # Arabic with a trailing Chinese magnitude: 1.2万, 3千, 5千万, 11.06亿
        digits = head.rstrip("".join(SMALL_UNITS))
        small = head[len(digits) :]
        value = _arabic(digits)
        for ch in small:
            value *= SMALL_UNITS[ch]
        return value * factor
    if "点" in text:
        head, factor = _split_magnitude(text)
        whole, _, frac = head.partition("点")
        if not whole or not all(ch in CN_NUMERAL_CHARS for ch in whole):
            raise NumeralError(f"不是数字：{text}")
        return (_cn_integer(whole) + _cn_fraction(frac)) * factor
    if not all(ch in CN_NUMERAL_CHARS for ch in text):
        raise NumeralError(f"不是数字：{text}")
    return _cn_integer(text)


def as_number(value: Decimal) -> int | float:
    """An int when whole (1106000000), a float otherwise (2.85)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
