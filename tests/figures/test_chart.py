"""chenbao.figures.chart: the indicator's SVG."""

import datetime as dt
import xml.etree.ElementTree as ET

from chenbao.figures.chart import line_chart

NS = "{http://www.w3.org/2000/svg}"


def test_chart_is_valid_svg_with_a_point_per_value():
    svg = line_chart(
        [(dt.date(2022, 12, 2), 186), (dt.date(2023, 12, 1), 217)],
        title="加装电梯<淄博>",
        unit="部",
    )
    root = ET.fromstring(svg)
    circles = root.findall(f"{NS}circle")
    assert len(circles) == 2
    assert circles[1].find(f"{NS}title").text == "2023-12-01：217部"
    assert root.get("aria-label") == "加装电梯<淄博>"  # escaped in the markup, read back whole
    assert float(circles[1].get("cy")) < float(circles[0].get("cy"))  # the larger value is higher


def test_empty_and_single_point():
    assert "暂无数据" in line_chart([], title="t", unit="人")
    root = ET.fromstring(line_chart([(dt.date(2023, 1, 1), 5.34e4)], title="t", unit="人"))
    assert root.find(f"{NS}circle").get("cx") == "300.0"
