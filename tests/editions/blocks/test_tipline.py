"""The tip-line banner: what an import stores, the QR code, the banner as set (blocks/tipline.py)."""

from types import SimpleNamespace

import segno

from chenbao.editions.blocks.tipline import (
    Banner,
    banner_fields,
    page_tipline,
    qr_modules,
    slot,
    web,
)
from chenbao.editions.layout.model import Slot, TiplineContent
from chenbao.editions.models import PrintedPage

BANNER = Banner(
    lines=("手机扫一扫 边聊边爆料", "新闻热线 3585000", "一经采用 奖励50-300元"),
    hotline="3585000",
    reward_min=50,
    reward_max=300,
    qr_caption="扫码爆料",
)


def test_a_banner_becomes_the_pages_tipline_fields():
    fields = banner_fields(BANNER, qr_url="", tipline_url="https://paper.example/tips/")
    assert fields == {
        "tipline_hotline": "3585000",
        "tipline_reward_min": 50,
        "tipline_reward_max": 300,
        "tipline_qr_caption": "扫码爆料",
        "tipline_lines": "手机扫一扫 边聊边爆料\n新闻热线 3585000\n一经采用 奖励50-300元",
        "tipline_qr_url": "https://paper.example/tips/",
    }


def test_the_qr_code_keeps_the_address_the_page_had():
    fields = banner_fields(BANNER, qr_url="https://old.example/qr", tipline_url="https://new/")
    assert fields["tipline_qr_url"] == "https://old.example/qr"


def test_a_misprinted_reward_range_keeps_its_lines_but_no_amounts():
    misprint = Banner(lines=("最低80元最高50元",), reward_min=80, reward_max=50)
    fields = banner_fields(misprint, qr_url="", tipline_url="https://t/")
    assert (fields["tipline_reward_min"], fields["tipline_reward_max"]) == (None, None)
    assert fields["tipline_lines"] == "最低80元最高50元"
    one_sided = banner_fields(Banner(lines=(), reward_min=80), qr_url="", tipline_url="")
    assert one_sided["tipline_reward_min"] == 80


def test_a_page_without_a_banner_has_all_its_fields_emptied_but_keeps_its_qr_address():
    fields = banner_fields(None, qr_url="https://old.example/qr", tipline_url="https://t/")
    assert fields == {
        "tipline_hotline": "",
        "tipline_reward_min": None,
        "tipline_reward_max": None,
        "tipline_qr_caption": "",
        "tipline_lines": "",
    }


def test_qr_modules_read_back_as_the_url_segno_encodes():
    rows = qr_modules("https://paper.example/tips/")
    expected = segno.make("https://paper.example/tips/", error="m")
    assert len(rows) == len(rows[0]) == expected.symbol_size(border=0)[0]
    assert set("".join(rows)) == {"0", "1"}
    assert rows[0].startswith("1111111")  # a finder pattern in the corner, no quiet zone
    assert qr_modules("https://paper.example/other/") != rows


def test_the_banner_sets_the_hotline_lines_first_and_leaves_out_the_qr_caption():
    page = PrintedPage(
        number="A02",
        tipline_hotline="3585000",
        tipline_lines="手机扫一扫 边聊边爆料\n\n扫码爆料\n新闻热线 3585000\n  \n奖励50-300元",
        tipline_qr_caption="扫码爆料",
        tipline_qr_url="https://paper.example/tips/",
    )
    banner = page_tipline(page)
    assert banner.lines == ("新闻热线 3585000", "手机扫一扫 边聊边爆料", "奖励50-300元")
    assert banner.hotline == "3585000" and banner.qr_caption == "扫码爆料"
    assert banner.qr_modules == qr_modules("https://paper.example/tips/")


def test_a_page_without_hotline_or_lines_has_no_banner_and_one_without_address_no_qr():
    assert page_tipline(PrintedPage(number="A03", tipline_qr_caption="扫码")) is None
    banner = page_tipline(PrintedPage(number="A03", tipline_lines="边聊边爆料"))
    assert banner.lines == ("边聊边爆料",) and banner.qr_modules == ()


def test_the_slot_and_the_epaper_show_the_pages_banner():
    banner = TiplineContent(
        "3585000", ("新闻热线 3585000",), qr_caption="扫码", qr_url="https://t/"
    )
    base = {"key": "banner", "kind": "tipline", "col": 4, "span": 2, "height": 90}
    made = slot(None, base, SimpleNamespace(tipline=banner), 1)
    assert made == Slot("banner", "tipline", col=4, span=2, height=90, tipline=banner)
    assert web(made) == {
        "hotline": "3585000",
        "lines": ["新闻热线 3585000"],
        "qr_url": "https://t/",
        "qr_caption": "扫码",
    }
    empty = slot(None, base, SimpleNamespace(tipline=None), 2)
    assert empty.tipline == TiplineContent("", ())
