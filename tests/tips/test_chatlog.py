"""Exported group chats become one candidate tip per sender and event."""

import pytest

from chenbao.tips.chatlog import ChatLogError, group_tips, parse_messages

EXPORT = """\
2022-12-01 08:15 张三: 东风路和柳泉路口两车相撞
2022-12-01 08:16 李四：我也看到了，好像有人受伤
2022-12-01 08:17 张三: 有一个人被抬上救护车
交警到了
2022/12/01 10:40:05 张三: 另外人民公园今天菊花展开幕
"""


def test_messages_are_parsed_with_continuation_lines():
    messages = parse_messages(EXPORT)
    assert [m.sender for m in messages] == ["张三", "李四", "张三", "张三"]
    assert messages[2].text == "有一个人被抬上救护车\n交警到了"
    assert messages[3].at.hour == 10 and messages[3].at.second == 5


def test_one_tip_per_sender_and_event():
    tips = group_tips(parse_messages(EXPORT), gap=30)
    assert [(t.sender, t.text.splitlines()[0]) for t in tips] == [
        ("张三", "东风路和柳泉路口两车相撞"),
        ("李四", "我也看到了，好像有人受伤"),
        ("张三", "另外人民公园今天菊花展开幕"),
    ]
    assert "交警到了" in tips[0].text


def test_unrecognised_text_is_refused_with_a_clear_message():
    with pytest.raises(ChatLogError, match="没有识别出任何消息"):
        parse_messages("hello\nworld")
