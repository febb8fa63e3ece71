"""`chenbao demo`: refused where the demo's public passwords must never exist."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
def test_the_demo_is_refused_when_not_allowed_and_creates_no_user(settings):
    settings.CHENBAO_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="生产环境不能加载演示数据"):
        call_command("demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
