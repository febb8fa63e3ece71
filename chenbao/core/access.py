"""Who may do what in the newsroom: the one place that answers it.

Every newsroom view, service and admin hook asks `may(user, Action.X)` (or `require`, or
wraps a view in `role_required`); no other code matches group names. A user holds a role
(core/roles.py) by being in the role's group; superusers may do everything; inactive and
anonymous users may do nothing. `RULES` is the whole policy, read top to bottom.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from chenbao.core.roles import (
    AD_DESK,
    ADMIN,
    CHIEF_EDITOR,
    DATA_DESK,
    DEPARTMENT_HEAD,
    DUTY_CHIEF,
    EDITOR,
    FINANCE,
    PAGE_EDITOR,
    PROOFREADER,
    REPORTER,
    ROLES,
    TIP_DESK,
    Role,
)


class Action(StrEnum):
    """What a newsroom user may be allowed to do."""

    # The tip-line (爆料)
    TIP_DESK = "tip.desk"  # the whole inbox, hotline, group-chat import, tipster contact
    TIP_ASSIGNED = "tip.assigned"  # the tips assigned to oneself (reporters)
    # Rewards (爆料奖励)
    REWARD_VIEW = "reward.view"
    REWARD_APPROVE = "reward.approve"  # propose, approve, decline
    REWARD_PAY = "reward.pay"
    REWARD_REPORT = "reward.report"  # the monthly report
    # Stories after publication and their review slips
    STORY_REVIEW_SLIP = "story.review_slip"  # besides the story's author
    STORY_CORRECT = "story.correct"
    STORY_WITHDRAW = "story.withdraw"  # also: see the list of withdrawals
    # The printed page: proofs (三校), release to print (付印), publishing the e-paper
    PAGE_PROOFS_VIEW = "page.proofs_view"
    PAGE_PROOF_RECORD = "page.proof_record"
    PAGE_SEND_TO_PRINT = "page.send_to_print"
    EDITION_PUBLISH = "edition.publish"
    PAGE_LAYOUT = "page.layout"  # the page board: slots moved, re-flowed, saved
    # The night desk's weather box and the ad desk
    WEATHER_DESK = "weather.desk"
    AD_SCHEDULE = "ad.schedule"
    AD_REVENUE = "ad.revenue"
    AD_BOOKING = "ad.booking"
    # 数说与承诺: figures from stories, indicators, pledges and their status
    FIGURES_DESK = "figures.desk"
    FIGURES_CHECK = "figures.check"  # a story's figures against their indicators (初审/复审)


_CHIEFS = (CHIEF_EDITOR, DUTY_CHIEF)
_REVIEWERS = (EDITOR, DEPARTMENT_HEAD, *_CHIEFS)

RULES: dict[Action, frozenset[Role]] = {
    Action.TIP_DESK: frozenset({TIP_DESK, ADMIN}),
    Action.TIP_ASSIGNED: frozenset({REPORTER}),
    Action.REWARD_VIEW: frozenset({TIP_DESK, *_CHIEFS, FINANCE, ADMIN}),
    Action.REWARD_APPROVE: frozenset({TIP_DESK, *_CHIEFS, ADMIN}),
    Action.REWARD_PAY: frozenset({FINANCE, ADMIN}),
    Action.REWARD_REPORT: frozenset({TIP_DESK, FINANCE, ADMIN}),
    Action.STORY_REVIEW_SLIP: frozenset(_REVIEWERS),
    Action.STORY_CORRECT: frozenset({*_CHIEFS, ADMIN}),
    Action.STORY_WITHDRAW: frozenset({*_CHIEFS, ADMIN}),
    Action.PAGE_PROOFS_VIEW: frozenset({PROOFREADER, PAGE_EDITOR, *_CHIEFS}),
    Action.PAGE_PROOF_RECORD: frozenset({PROOFREADER}),
    Action.PAGE_SEND_TO_PRINT: frozenset({PAGE_EDITOR, *_CHIEFS}),
    Action.EDITION_PUBLISH: frozenset({PAGE_EDITOR, *_CHIEFS, ADMIN}),
    Action.PAGE_LAYOUT: frozenset({PAGE_EDITOR, *_CHIEFS, ADMIN}),
    Action.WEATHER_DESK: frozenset({EDITOR, PAGE_EDITOR, *_CHIEFS, ADMIN}),
    Action.AD_SCHEDULE: frozenset({AD_DESK, PAGE_EDITOR, ADMIN}),
    Action.AD_REVENUE: frozenset({AD_DESK, FINANCE, ADMIN}),
    Action.AD_BOOKING: frozenset({AD_DESK, ADMIN}),
    Action.FIGURES_DESK: frozenset({DATA_DESK, *_CHIEFS, ADMIN}),
    Action.FIGURES_CHECK: frozenset({*_REVIEWERS, DATA_DESK, ADMIN}),
}

# The roles that can see a tipster's contact or pay money sign in with a second factor
# (TOTP, or a recovery code): whoever holds the tip desk or may pay rewards.
SECOND_FACTOR_ROLES: frozenset[Role] = RULES[Action.TIP_DESK] | RULES[Action.REWARD_PAY]

_ROLE_BY_GROUP = {role.name: role for role in ROLES}
_CACHE = "_chenbao_roles"


def roles_of(user: Any) -> frozenset[Role]:
    """Return the roles `user` holds (none for anonymous or inactive users).

    Read once per user object, as Django caches permissions: a request asks many times.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = user.__dict__.get(_CACHE)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(_ROLE_BY_GROUP[n] for n in names if n in _ROLE_BY_GROUP)
        user.__dict__[_CACHE] = cached
    return cached


def has_role(user: Any, role: Role) -> bool:
    """Return whether `user` holds `role` itself (superusers only if they are in its group)."""
    return role in roles_of(user)


def may(user: Any, action: Action) -> bool:
    """Return whether `user` may do `action`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or roles_of(user) & RULES[action])


def may_any(user: Any, *actions: Action) -> bool:
    return any(may(user, action) for action in actions)


def require(user: Any, action: Action, message: str = "") -> None:
    """Raise PermissionDenied (with `message`, shown to the user) unless `user` may `action`."""
    if not may(user, action):
        raise PermissionDenied(message)


def role_required(*actions: Action) -> Callable:
    """Decorate a view: the request's user must be allowed at least one of `actions`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may_any(request.user, *actions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def needs_second_factor(user: Any) -> bool:
    """Return whether `user` must pass a second factor before the newsroom opens to them
    (superusers always; the setting SECOND_FACTOR turns the requirement off in tests)."""
    from django.conf import settings

    if not settings.CHENBAO["SECOND_FACTOR"]:
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or roles_of(user) & SECOND_FACTOR_ROLES)


def users_with(role: Role) -> QuerySet:
    """Return the active users who hold `role` (e.g. the reporters a tip can go to)."""
    return get_user_model().objects.filter(groups__name=role.name, is_active=True).distinct()


def in_task_groups(user: Any, task: Any) -> bool:
    """Return whether `user` is in the groups of a Wagtail approval task (a level of 三审).

    The review workflow's tasks name the groups that decide at each level (core migration
    0003 sets them from the roles); superusers decide at every level.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_chenbao_task_groups", {})
    key = (type(task).__name__, task.pk)
    if key not in cache:
        cache[key] = task.groups.filter(pk__in=user.groups.values("pk")).exists()
    return cache[key]
