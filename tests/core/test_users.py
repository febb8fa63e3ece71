"""How the newsroom names its people."""

from django.contrib.auth import get_user_model

from chenbao.core.users import display_name

User = get_user_model()


def test_a_person_is_named_by_their_full_name_else_their_login():
    assert display_name(User(username="wang", first_name="小明", last_name="王")) in (
        "小明 王",
        "王 小明",
    )
    assert display_name(User(username="wang")) == "wang"


def test_a_name_is_cut_to_what_a_record_holds():
    assert display_name(User(username="x", first_name="长" * 200)) == "长" * 150
