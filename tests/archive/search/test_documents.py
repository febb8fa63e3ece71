"""Stories as search documents (archive/search/documents.py)."""

import pytest

from chenbao.archive.search.documents import KIND_WEB, body_text, search_docs
from tests.factories import story_make


def test_the_body_text_is_paragraphs_subheads_and_captions():
    raw = [
        {"type": "paragraph", "value": "第一段。"},
        {"type": "subhead", "value": "小标题"},
        {"type": "image", "value": {"image": 3, "caption": "图为现场"}},
        {"type": "image", "value": {"image": 4}},
    ]
    assert body_text(raw) == "第一段。\n小标题\n图为现场"
    assert body_text(None) == ""


@pytest.mark.django_db
def test_a_story_becomes_a_document_and_a_gone_id_is_reported():
    story = story_make(
        title="淄博新建幼儿园",
        kicker="民生",
        subtitle="42所",
        dateline="本报讯",
        live=True,
    )
    draft = story_make(title="草稿")
    docs, gone = search_docs([story.pk, draft.pk, 999_999])
    assert gone == {999_999}
    doc = next(d for d in docs if d.id == story.pk)
    assert doc.head == "民生 \n淄博新建幼儿园 \n42所" and doc.body.startswith("本报讯")
    assert doc.kind == KIND_WEB and doc.page == "" and doc.day is not None
    assert doc.sections and doc.sections[0] == "本地"
    assert doc.public and not next(d for d in docs if d.id == draft.pk).public


@pytest.mark.django_db
def test_a_withdrawn_story_is_not_public(make_user):
    from chenbao.core.roles import CHIEF_EDITOR
    from chenbao.stories.services.after_publication import story_withdraw

    story = story_make(title="有误的报道", live=True)
    story_withdraw(story=story, user=make_user("chief", CHIEF_EDITOR), reason="事实有误")
    (doc,), _ = search_docs([story.pk])
    assert not doc.public
