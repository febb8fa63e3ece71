"""chenbao.figures.numerals: printed numbers → values, magnitudes folded in."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chenbao.figures.numerals import NumeralError, as_number, read_number


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("11.06亿", 1106000000),
        ("5.34万", 53400),
        ("1.2万", 12000),
        ("三点五亿", 350000000),  # cn2an raises here, jionlp reads 5亿
        ("十二万五千", 125000),
        ("两千", 2000),
        ("十二", 12),
        ("一百零五", 105),
        ("三亿零五百万", 305000000),
        ("二〇二二", 2022),
        ("5千万", 50000000),
        ("１２.５万", 125000),
        ("1,234", 1234),
        ("千", 1000),
        ("2.85", 2.85),
    ],
)
def test_read_number(printed, value):
    assert as_number(read_number(printed)) == value


@pytest.mark.parametrize("printed", ["", "点五", "三点", "abc", "1.2.3"])
def test_not_a_number(printed):
    with pytest.raises(NumeralError):
        read_number(printed)


DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """Write 0 < n < 10^8 the way a paper does, to read it back."""

    def below_wan(k: int, leading: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = k // size % 10
            if d:
                if zero and out:
                    out += "零"
                out += (
                    "" if (unit == "十" and d == 1 and not out and leading) else DIGITS[d]
                ) + unit
                zero = False
            elif out:
                zero = True
        return out

    wan, rest = divmod(n, 10000)
    if not wan:
        return below_wan(rest, True)
    text = below_wan(wan, True) + "万"
    if rest:
        text += ("零" if rest < 1000 else "") + below_wan(rest, False)
    return text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_integers_round_trip(n):
    assert read_number(_chinese(n)) == Decimal(n)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_arabic_with_wan(value):
    assert read_number(f"{value}万") == value * 10000
