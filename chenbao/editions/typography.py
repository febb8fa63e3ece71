"""Type settings shared by every page of an edition: fonts, sizes and the press's colours.

No Django here: plain data the Typst template reads (engine.page_data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Colour = str | tuple[float, float, float, float]
COLOURS = ("red", "blue", "ink", "grey", "tint")  # Typography's colours, named in the template
_CMYK = re.compile(r"cmyk\(\s*" + r"\s*,\s*".join([r"([\d.]+)\s*%?"] * 4) + r"\s*\)", re.I)


def colour(value: Colour) -> dict:
    """Return a colour as the template reads it: {"cmyk": [c, m, y, k]} (percent) or {"rgb": hex}.

    Accepts "cmyk(0%, 100%, 100%, 20%)" (the % signs may be left out), a tuple of four
    percentages (0–100) meaning CMYK, or an RGB hex string "#c8161d" / "#c11".
    """
    if isinstance(value, tuple | list):
        parts = [float(v) for v in value]
        if len(parts) != 4:
            raise ValueError(f"CMYK colour needs four percentages, got {value!r}")
    elif (m := _CMYK.fullmatch(value.strip())) is not None:
        parts = [float(v) for v in m.groups()]
    elif re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value.strip()):
        return {"rgb": value.strip()}
    else:
        raise ValueError(f"not a colour: {value!r} (use 'cmyk(c%, m%, y%, k%)' or '#rrggbb')")
    if not all(0 <= v <= 100 for v in parts):
        raise ValueError(f"CMYK percentages must be 0–100: {value!r}")
    return {"cmyk": parts}


@dataclass(frozen=True)
class Typography:
    """Type settings shared by every page of an edition.

    Colours are for the press: "cmyk(c%, m%, y%, k%)" or a tuple of four percentages goes
    into the PDF as DeviceCMYK; "#rrggbb" is kept as RGB, if a paper wants that (see
    `colour`). The defaults print text, rules and the QR code on the black plate alone,
    and the PNG (Typst converts CMYK with an ICC profile) shows them close to the RGB
    they replaced: red #c4161b for #c8161d, blue #1d63a7 for #1f5fa8, grey #58585a for
    #5a5a5a, tint #fcf2e6 for #fbf3e6; black (K 100 %) shows as #231f20, as it prints.
    """

    serif: str = "Noto Serif CJK SC"
    sans: str = "Noto Sans CJK SC"
    body_size: float = 9.6  # points
    leading: float = 4.6  # points between lines
    red: Colour = "cmyk(0%, 100%, 100%, 20%)"  # tip-line banner, hotline, ad slogans
    blue: Colour = "cmyk(90%, 65%, 5%, 0%)"  # weather box
    ink: Colour = "cmyk(0%, 0%, 0%, 100%)"  # text, rules, QR code
    grey: Colour = "cmyk(0%, 0%, 0%, 80%)"  # ad labels (广告, 公益广告)
    tint: Colour = "cmyk(0%, 3%, 8%, 1%)"  # background of public-service ads

    def __post_init__(self) -> None:
        self.colours()  # a bad colour fails here, not in the template

    def colours(self) -> dict[str, dict]:
        """The page's colours as the template reads them (see `colour`)."""
        return {name: colour(getattr(self, name)) for name in COLOURS}
