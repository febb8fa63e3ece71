"""A snippet chooser's buttons are worded in the language active when shown, not at start-up."""

from django.utils import translation

from chenbao.ads.models import Advertiser
from chenbao.core.snippets import SnippetChooser


def test_the_chooser_is_worded_each_time_it_is_shown():
    chooser = SnippetChooser(Advertiser)
    with translation.override("en"):
        assert str(chooser.choose_another_text) == "Choose another 广告客户"
        assert str(chooser.choose_one_text) == "Choose 广告客户"
        assert str(chooser.link_to_chosen_text) == "Edit this 广告客户"
    with translation.override("zh-hans"):
        assert "Choose" not in str(chooser.choose_another_text)
        assert "广告客户" in str(chooser.choose_another_text)
