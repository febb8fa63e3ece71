"""Exported group chats (群聊记录) to candidate tips. Pure: no Django.

Accepted format (WeChat's "export chat" text and copy-paste from PC WeChat), one message
per line, continuation lines belong to the message above:

    2022-12-01 08:15 张三: 东风路和柳泉路口两车相撞
    2022-12-01 08:16 张三：有人受伤了
    2022/12/01 08:15:30 李四: ……

The date may use - or /, seconds are optional, the colon after the name may be ASCII or
full width. Consecutive messages from one sender less than `gap` minutes apart are one event
and make one tip; a sender who writes again later starts a new tip.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

LINE = re.compile(
    r"^\s*(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+"
    r"(?P<sender>[^:：\n]{1,40}?)\s*[:：]\s?(?P<text>.*)$"
)


@dataclass
class ChatMessage:
    at: dt.datetime  # naive: the export has no time zone; the caller localises it
    sender: str
    text: str


@dataclass
class ChatTip:
    sender: str
    first_at: dt.datetime
    messages: list[ChatMessage] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.messages if m.text)


class ChatLogError(ValueError):
    pass


def parse_messages(export: str) -> list[ChatMessage]:
    """Return the messages of an exported chat; raise ChatLogError if none is recognised."""
    messages: list[ChatMessage] = []
    for line in export.splitlines():
        m = LINE.match(line)
        if m:
            date = m["date"].replace("/", "-")
            time = m["time"] if m["time"].count(":") == 2 else m["time"] + ":00"
            y, mo, d = (int(x) for x in date.split("-"))
            h, mi, s = (int(x) for x in time.split(":"))
            try:
                at = dt.datetime(y, mo, d, h, mi, s)  # noqa: DTZ001
            except ValueError as exc:
                raise ChatLogError(f"日期或时间不正确：{m['date']} {m['time']}") from exc
            messages.append(ChatMessage(at=at, sender=m["sender"].strip(), text=m["text"].strip()))
        elif messages and line.strip():
            messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    if not messages:
        raise ChatLogError("没有识别出任何消息：每条消息应以“2022-12-01 08:15 昵称: 内容”开头。")
    return messages


def group_tips(messages: list[ChatMessage], gap: int = 30) -> list[ChatTip]:
    """Return one ChatTip per sender and event (messages under `gap` minutes apart)."""
    open_tips: dict[str, ChatTip] = {}
    tips: list[ChatTip] = []
    for msg in sorted(messages, key=lambda m: m.at):
        current = open_tips.get(msg.sender)
        if current is None or msg.at - current.messages[-1].at > dt.timedelta(minutes=gap):
            current = ChatTip(sender=msg.sender, first_at=msg.at)
            open_tips[msg.sender] = current
            tips.append(current)
        current.messages.append(msg)
    return [t for t in tips if t.text.strip()]
