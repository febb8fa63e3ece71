"""Writes to stories: sections, contributors and stories go through here."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, TaskState, WorkflowState

from chenbao.core.access import Action, require
from chenbao.core.services import audit_record
from chenbao.site.models import HomePage
from chenbao.stories import review
from chenbao.stories.models import (
    Contributor,
    ReviewDecision,
    ReviewLevel,
    ReviewSlipEntry,
    SectionPage,
    StoryByline,
    StoryCorrection,
    StoryNotice,
    StoryPage,
    StoryWithdrawal,
)

logger = logging.getLogger(__name__)

# Slugs of the usual sections, so their URLs read well without pinyin tools.
SECTION_SLUGS = {
    "要闻": "yaowen",
    "本地": "bendi",
    "社会": "shehui",
    "民生": "minsheng",
    "经济": "jingji",
    "文体": "wenti",
    "国内": "guonei",
    "国际": "guoji",
    "评论": "pinglun",
    "副刊": "fukan",
}


@dataclass(frozen=True)
class BylineData:
    role: str
    name: str
    organisation: str = ""


@dataclass(frozen=True)
class StoryData:
    """What a story is made of, independent of where it came from."""

    headline: str
    kicker: str = ""
    subtitle: str = ""
    dateline: str = ""
    body: tuple[tuple[str, object], ...] = ()
    bylines: tuple[BylineData, ...] = ()
    source_note: str = ""


def home_page_get() -> HomePage:
    """Return the site's home page, creating it (and pointing the default site at it)."""
    from wagtail.models import Site

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a placeholder welcome page; ours replaces it.
        for child in root.get_children():
            if child.specific_class is Page:
                child.delete()
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def section_get_or_create(*, name: str) -> SectionPage:
    """Return the section called `name`, creating it under the home page."""
    section = SectionPage.objects.filter(title=name).first()
    if section is None:
        slug = SECTION_SLUGS.get(name) or slugify(name, allow_unicode=True) or "section"
        section = home_page_get().add_child(instance=SectionPage(title=name, slug=slug))
        section.save_revision().publish()
    return section


def contributor_get_or_create(
    *, name: str, organisation: str = "", role: str = "记者"
) -> Contributor:
    """Return the contributor with this name and organisation, creating them if new."""
    contributor, _ = Contributor.objects.get_or_create(
        name=name, organisation=organisation, defaults={"default_role": role}
    )
    return contributor


@transaction.atomic
def story_save_published(
    *, section: SectionPage, slug: str, data: StoryData, user=None
) -> StoryPage:
    """Create or update the story at `slug` in `section` and publish it as given.

    Used for content that was already printed (archive import), which has no review
    to pass: the documented exception to 三审. Updating keeps the story's URL and adds a
    revision.
    """
    story = StoryPage.objects.child_of(section).filter(slug=slug).first()
    if story is None:
        story = StoryPage(slug=slug, title=data.headline)
        _story_fill(story, data)
        section.add_child(instance=story)
    else:
        _story_fill(story, data)
    revision = story.save_revision(user=user, log_action=True)
    if not story.is_withdrawn:
        # A withdrawn story stays withdrawn when its page is imported again.
        revision.publish(user=user)
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def story_delete(*, story: StoryPage, user=None) -> None:
    """Delete a story and its revisions (an imported story its page no longer has)."""
    audit_record(actor=user, action="story.delete", obj=story, detail={"title": story.title})
    story.delete()


def _story_fill(story: StoryPage, data: StoryData) -> None:
    story.title = data.headline
    story.kicker = data.kicker
    story.subtitle = data.subtitle
    story.dateline = data.dateline
    story.body = list(data.body)
    story.source_note = data.source_note
    story.bylines = [
        StoryByline(
            contributor=contributor_get_or_create(
                name=b.name, organisation=b.organisation, role=b.role
            ),
            role=b.role,
            organisation=b.organisation,
            sort_order=i,
        )
        for i, b in enumerate(data.bylines)
    ]


# --- Drafts and 三审 -----------------------------------------------------------------------


@transaction.atomic
def story_create_draft(
    *, section: SectionPage, data: StoryData, user, slug: str = "", go_live_at=None
) -> StoryPage:
    """Create an unpublished story (a reporter's draft) owned by `user`."""
    story = StoryPage(
        slug=slug or _free_slug(section, data.headline),
        title=data.headline,
        live=False,
        owner=user,
        go_live_at=go_live_at,
    )
    _story_fill(story, data)
    section.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def story_update_draft(*, story: StoryPage, data: StoryData, user) -> StoryPage:
    """Save `data` as the story's newest revision; the live version is untouched."""
    story = story.get_latest_revision_as_object()
    _story_fill(story, data)
    story.save_revision(user=user, log_action=True)
    return StoryPage.objects.get(pk=story.pk)


def _free_slug(section: SectionPage, headline: str) -> str:
    base = slugify(headline, allow_unicode=True)[:40] or "story"
    slug, n = base, 1
    while Page.objects.child_of(section).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def story_submit_for_review(*, story: StoryPage, user) -> WorkflowState:
    """Send the story's newest revision into 三审 (or back in, after it was sent back)."""
    if story.is_withdrawn:
        raise PermissionDenied(_("此稿已撤稿，不能再送审"))
    state = story.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return WorkflowState.objects.get(pk=state.pk)
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(_("此稿已在审稿流程中"))
    workflow = story.get_workflow()
    if workflow is None:
        raise ValidationError(_("没有为稿件设置审稿流程"))
    return workflow.start(story, user)


def story_review(*, story: StoryPage, user, action: str, opinion: str = "") -> None:
    """Decide on the story at its current level: `action` is "approve" or "reject".

    Goes through the workflow task, which refuses anyone the 三审 rules exclude.
    """
    story = StoryPage.objects.get(pk=story.pk)
    task = story.current_workflow_task
    task_state = story.current_workflow_task_state
    if task is None or task_state is None:
        raise PermissionDenied(_("此稿不在审稿流程中"))
    task.on_action(task_state, user, action, comment=opinion)


@transaction.atomic
def review_decide(*, task, task_state: TaskState, user, action: str, opinion: str = "") -> None:
    """Record `user`'s decision at `task`'s level on the review slip and move the workflow on.

    Called by the workflow tasks (ReviewTask.on_action): this is where the 三审 rules are
    enforced for every caller, the admin included.
    """
    if action not in ("approve", "reject"):
        raise PermissionDenied(_("未知的审稿操作"))
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied(_("这一级审稿已经结束"))
    story = StoryPage.objects.get(pk=task_state.workflow_state.object_id)
    refusal = review.review_refusal(task=task, story=story, user=user)
    if refusal:
        raise PermissionDenied(refusal)
    if action == "approve" and task.level == ReviewLevel.FINAL and story.is_withdrawn:
        raise PermissionDenied(_("此稿已撤稿，不能签发"))
    latest = story.get_latest_revision()
    if action == "approve" and latest and task_state.revision_id != latest.pk:
        _approve_latest_revision(task_state=task_state, latest=latest)
    entry = ReviewSlipEntry.objects.create(
        story=story,
        level=task.level,
        decision=ReviewDecision.PASS if action == "approve" else ReviewDecision.RETURN,
        opinion=opinion,
        reviewer=user,
        reviewer_name=_display_name(user),
        workflow_state=task_state.workflow_state,
        revision=latest,
    )
    # Whoever was told this step was waiting need not be told any more.
    StoryNotice.objects.filter(task_state_id=task_state.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    audit_record(
        actor=user,
        action=f"story.review.{entry.decision}",
        obj=story,
        detail={"level": task.level},
    )
    if action == "approve":
        task_state.approve(user=user, comment=opinion)
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            notice_send(
                recipients=_user_model().objects.filter(pk__in=review.story_author_ids(story)),
                story=story,
                message=_("《%(title)s》已通过终审") % {"title": story.title},
            )
    else:
        task_state.reject(user=user, comment=opinion)
        passed = ReviewSlipEntry.objects.filter(
            workflow_state=task_state.workflow_state, decision=ReviewDecision.PASS
        ).values_list("reviewer_id", flat=True)
        recipients = (
            _user_model()
            .objects.filter(pk__in={*review.story_author_ids(story), *passed})
            .exclude(pk=user.pk)
        )
        notice_send(
            recipients=recipients,
            story=story,
            # Wagtail already mails the submitter when a workflow is sent back.
            email_exclude={task_state.workflow_state.requested_by_id},
            message=_("《%(title)s》在%(level)s被退回修改：%(opinion)s")
            % {
                "title": story.title,
                "level": ReviewLevel(task.level).label,
                "opinion": opinion or _("（无意见）"),
            },
        )


def _approve_latest_revision(*, task_state: TaskState, latest) -> None:
    """Make the reviewer's decision apply to the newest revision, which they are looking at.

    If the text changed since the earlier levels passed it, they must read it again
    (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT). A new revision with the same text (the
    admin saves one whenever its form is posted) keeps their approvals.
    """
    previous = task_state.revision.as_object()
    if previous.content_signature() == latest.as_object().content_signature():
        already = set(
            TaskState.objects.filter(
                workflow_state_id=task_state.workflow_state_id,
                revision=latest,
                status=TaskState.STATUS_APPROVED,
            ).values_list("task_id", flat=True)
        )
        for state in TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            revision_id=task_state.revision_id,
            status=TaskState.STATUS_APPROVED,
        ).exclude(task_id__in=already):
            state.copy(update_attrs={"revision": latest})
    task_state.revision = latest
    task_state.save(update_fields=["revision"])


def review_task_started(*, task_state: TaskState, task, user) -> None:
    """Tell the reviewers of `task`'s level that a story is waiting for them."""
    story = StoryPage.objects.filter(pk=task_state.workflow_state.object_id).first()
    if story is None:
        return
    members = _user_model().objects.filter(is_active=True, groups__in=task.groups.all()).distinct()
    recipients = [u for u in members if review.user_may_review(task=task, story=story, user=u)]
    notice_send(
        recipients=recipients,
        story=story,
        task_state=task_state,
        message=_("《%(title)s》等待%(level)s")
        % {
            "title": story.title,
            "level": ReviewLevel(task.level).label,
        },
    )


def notice_send(
    *,
    recipients,
    story: StoryPage,
    message: str,
    task_state: TaskState | None = None,
    email_exclude: set[int | None] | None = None,
) -> list[StoryNotice]:
    """Leave `message` on each recipient's dashboard, and email it when email is set up."""
    notices = [
        StoryNotice.objects.create(
            recipient=user, story=story, message=message[:300], task_state=task_state
        )
        for user in recipients
    ]
    if _email_configured():
        skip = email_exclude or set()
        addresses = [
            n.recipient.email for n in notices if n.recipient.email and n.recipient_id not in skip
        ]
        if addresses:
            url = settings.WAGTAILADMIN_BASE_URL + f"/admin/pages/{story.pk}/edit/"
            body = f"{message}\n\n{url}\n"
            transaction.on_commit(lambda: _mail(message, body, addresses))
    return notices


def _mail(subject: str, body: str, addresses: list[str]) -> None:
    try:
        for address in addresses:
            send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}"[:200], body, None, [address])
    except OSError:
        # A mail outage must not undo a review; the dashboard notice is already saved.
        logger.exception("review notice email could not be sent")


def _email_configured() -> bool:
    return settings.EMAIL_BACKEND != "django.core.mail.backends.dummy.EmailBackend"


@transaction.atomic
def notice_mark_read(*, user, notice_ids: list[int]) -> int:
    return StoryNotice.objects.filter(
        recipient=user, pk__in=notice_ids, read_at__isnull=True
    ).update(read_at=timezone.now())


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username())[:150]


def _user_model():
    return get_user_model()


# --- After publication -------------------------------------------------------------------


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
    audit_record(
        actor=user, action="story.correct", obj=story, detail={"correction": correction.pk}
    )
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
    """Take a withdrawn story off the published e-paper pages that printed it."""
    from chenbao.editions.models import Edition
    from chenbao.editions.services.publish import edition_epaper_refresh

    for edition in Edition.objects.filter(pages__story_placements__story=story).distinct():
        edition_epaper_refresh(edition=edition)
