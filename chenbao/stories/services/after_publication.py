"""After publication: corrections (更正) and withdrawals (撤稿)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.site.frontcache import story_refresh
from chenbao.stories.models import StoryCorrection, StoryPage, StoryWithdrawal


@transaction.atomic
def story_correct(*, story: StoryPage, user, note: str) -> StoryCorrection:
    """Publish a correction (更正) under a live story; 总编 / 值班总编 sign it off."""
    require(user, Action.STORY_CORRECT, _("只有总编、值班总编可以签发更正"))
    note = note.strip()
    if not note:
        raise ValidationError(_("请填写更正说明"))
    story = StoryPage.objects.get(pk=story.pk)
    if not story.live:
        raise ValidationError(_("只能更正已发布的稿件"))
    correction = StoryCorrection.objects.create(story=story, note=note, created_by=user)
    from chenbao.figures.services import story_figures_extract

    story_figures_extract(story=story)  # a correction may change the figures it prints
    audit_record(
        actor=user, action="story.correct", obj=story, detail={"correction": correction.pk}
    )
    # A correction sends no Wagtail signal: the story's readers see it once the caches refresh.
    story_refresh(story)
    return correction


@transaction.atomic
def story_withdraw(*, story: StoryPage, user, reason: str) -> StoryWithdrawal:
    """Withdraw a story (撤稿): off the site and feeds, kept in the archive with the reason."""
    require(user, Action.STORY_WITHDRAW, _("只有总编、值班总编可以撤稿"))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写撤稿原因"))
    story = StoryPage.objects.get(pk=story.pk)
    if story.is_withdrawn:
        raise ValidationError(_("此稿已经撤稿"))
    state = story.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    if story.live:
        # The withdrawal permission checked above is what authorises this.
        UnpublishPageAction(story, user=user).execute(skip_permission_checks=True)
    withdrawal = StoryWithdrawal.objects.create(story=story, reason=reason, withdrawn_by=user)
    audit_record(actor=user, action="story.withdraw", obj=story, detail={})
    transaction.on_commit(lambda: _epaper_refresh(story))
    return withdrawal


def _epaper_refresh(story: StoryPage) -> None:
    """Take a withdrawn story off the published e-paper pages that printed it. (Off the list
    of headlines of an imported day too: the withdrawal unpublished it, and the text
    editions follow an unpublished story, chenbao/editions/signals.py.)"""
    from chenbao.editions.models import Edition
    from chenbao.editions.services.publish import edition_epaper_refresh

    for edition in Edition.objects.filter(pages__story_placements__story=story).distinct():
        edition_epaper_refresh(edition=edition)
