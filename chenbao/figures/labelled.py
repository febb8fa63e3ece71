"""The labelled set: stories with every figure marked by hand, and the extractor's score on it.

A labelled story is a text file whose figures are written ⟦printed text|value|unit|kind⟧,
kind one of f (figure), t (target), r (ranking), c (change):

    全区城镇新增就业⟦1.26万人|12600|人|f⟧,完成年度目标的⟦105%|105|%|f⟧

A first line starting with `#` is the headline and is not scored (the extractor reads story
bodies). Anything a reader would count as a quantity is marked; dates, phone numbers,
document and page numbers are left unmarked on purpose, so finding them costs precision.
Pure: used by the tests (floors) and `bench/bench_figures.py` (the table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from chenbao.figures.extract import KINDS, Figure, extract, prepare

MARK = re.compile(r"⟦([^|⟧]+)\|([^|⟧]+)\|([^|⟧]*)\|([ftrc])⟧")
KIND_CODES = {"f": "figure", "t": "target", "r": "ranking", "c": "change"}


@dataclass(frozen=True)
class Gold:
    text: str
    value: Decimal
    unit: str
    kind: str
    start: int
    end: int


@dataclass
class LabelledStory:
    name: str
    text: str
    gold: list[Gold]


def read_story(name: str, marked: str) -> LabelledStory:
    """Strip the marks, remembering where each marked figure sits in the plain text."""
    body = re.sub(r"\A\s*#[^\n]*\n", "", marked)
    body = prepare(body)
    plain: list[str] = []
    gold: list[Gold] = []
    at = 0
    length = 0
    for match in MARK.finditer(body):
        plain.append(body[at : match.start()])
        length += match.start() - at
        printed, value, unit, code = match.groups()
        gold.append(
            Gold(printed, Decimal(value), unit, KIND_CODES[code], length, length + len(printed))
        )
        plain.append(printed)
        length += len(printed)
        at = match.end()
    plain.append(body[at:])
    text = "".join(plain)
    if "⟦" in text or "⟧" in text:
        raise ValueError(f"{name}: a mark is not closed or not of the form ⟦text|value|unit|kind⟧")
    return LabelledStory(name, text, gold)


def read_set(directory: Path) -> list[LabelledStory]:
    return [read_story(p.name, p.read_text("utf-8")) for p in sorted(directory.glob("*.txt"))]


@dataclass
class Score:
    """Counts by kind; a found figure matches a marked one when their spans overlap."""

    true_pos: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    false_pos: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    false_neg: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    values_right: int = 0
    units_right: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.true_pos, kind), self._sum(self.false_pos, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.true_pos, kind), self._sum(self.false_neg, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    def gold_count(self, kind: str | None = None) -> int:
        return self._sum(self.true_pos, kind) + self._sum(self.false_neg, kind)

    @staticmethod
    def _sum(counts: dict[str, int], kind: str | None) -> int:
        return counts[kind] if kind else sum(counts.values())


def _same_value(figure: Figure, gold: Gold) -> bool:
    return abs(Decimal(str(figure.value)) - gold.value) <= abs(gold.value) * Decimal("1e-9")


def score_story(story: LabelledStory, result: Score) -> None:
    found = extract(story.text)
    used: set[int] = set()
    for gold in story.gold:
        match = next(
            (
                i
                for i, f in enumerate(found)
                if i not in used and f.start < gold.end and gold.start < f.end
            ),
            None,
        )
        if match is None:
            result.false_neg[gold.kind] += 1
            result.misses.append(f"{story.name}: 漏了 {gold.text}（{gold.kind}）")
            continue
        used.add(match)
        figure = found[match]
        result.matched += 1
        result.values_right += _same_value(figure, gold)
        result.units_right += figure.unit == gold.unit
        if not _same_value(figure, gold) or figure.unit != gold.unit:
            result.misses.append(
                f"{story.name}: {gold.text} 读成 {figure.value} {figure.unit}"
                f"（应为 {gold.value} {gold.unit}）"
            )
        if figure.kind == gold.kind:
            result.true_pos[gold.kind] += 1
        else:
            result.false_neg[gold.kind] += 1
            result.false_pos[figure.kind] += 1
            result.misses.append(
                f"{story.name}: {gold.text} 判为 {figure.kind}（应为 {gold.kind}）"
            )
    for i, figure in enumerate(found):
        if i not in used:
            result.false_pos[figure.kind] += 1
            result.misses.append(f"{story.name}: 多出 {figure.text}（{figure.kind}）")


def score_set(stories: list[LabelledStory]) -> Score:
    result = Score()
    for story in stories:
        score_story(story, result)
    return result
