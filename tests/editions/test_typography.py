"""The press's type settings: fonts, sizes and colours as the template reads them (typography.py)."""

import pytest

from chenbao.editions.typography import COLOURS, Typography, colour


def test_typography_takes_cmyk_strings_tuples_or_rgb_hex_and_refuses_anything_else():
    assert colour("cmyk(0%, 100%, 100%, 20%)") == {"cmyk": [0, 100, 100, 20]}
    assert colour("CMYK(0,100,100,20)") == colour((0, 100, 100, 20))
    assert colour("#c8161d") == {"rgb": "#c8161d"}
    assert Typography(red=(0, 100, 100, 20)).colours() == Typography().colours()
    for bad in ("crimson", "cmyk(0%, 100%, 100%)", "cmyk(0%, 100%, 120%, 0%)", (1, 2, 3)):
        with pytest.raises(ValueError):
            Typography(red=bad)


def test_short_hex_and_percentages_with_spaces_are_colours_too():
    assert colour(" #c11 ") == {"rgb": "#c11"}
    assert colour("cmyk( 0 , 3.5% ,8,1 )") == {"cmyk": [0, 3.5, 8, 1]}
    assert colour([10, 20, 30, 40]) == {"cmyk": [10.0, 20.0, 30.0, 40.0]}
    for bad in ("#c1161", "cmyk(0%, 100%, 100%, 20%, 5%)", (0, 0, 0, -1)):
        with pytest.raises(ValueError):
            colour(bad)


def test_every_named_colour_of_the_defaults_prints_on_the_press():
    colours = Typography().colours()
    assert list(colours) == list(COLOURS)
    assert colours["ink"] == {"cmyk": [0, 0, 0, 100]}
    assert all("cmyk" in c for c in colours.values())
    assert Typography(tint="#fbf3e6").colours()["tint"] == {"rgb": "#fbf3e6"}
