"""Thin views: the ninjs export, the news sitemap, and the review slip PDF (newsroom only)."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenbao.core.access import Action, require
from chenbao.stories import selectors, services
from chenbao.stories.models import StoryPage
from chenbao.stories.ninjs import story_to_ninjs, withdrawn_ninjs

NEWS_SITEMAP_DAYS = 2
JSON_DUMPS = {"ensure_ascii": False, "indent": 2}


def story_ninjs(request, pk: int):
    """Return a published story as ninjs 2.2; a withdrawn one as pubstatus "canceled" (410)."""
    story, withdrawal = selectors.story_for_export(pk=pk)
    if story is not None:
        data = story_to_ninjs(story, url=request.build_absolute_uri(story.url))
        return JsonResponse(data, json_dumps_params=JSON_DUMPS)
    if withdrawal is not None:
        data = withdrawn_ninjs(pk, reason=withdrawal.reason)
        return JsonResponse(data, status=410, json_dumps_params=JSON_DUMPS)
    raise Http404("no such published story")


def news_sitemap(request):
    """Return the Google News sitemap: stories published in the last two days."""
    since = timezone.now() - dt.timedelta(days=NEWS_SITEMAP_DAYS)
    stories = selectors.story_live_list().filter(first_published_at__gte=since)[:1000]
    entries = [{"loc": request.build_absolute_uri(story.url), "story": story} for story in stories]
    return render(
        request,
        "stories/news_sitemap.xml",
        {"entries": entries, "paper_name": settings.CHENBAO["PAPER_NAME"]},
        content_type="application/xml; charset=utf-8",
    )


def review_slip_pdf(request, pk: int):
    """Return a story's review slip (审稿单) as a one-page PDF, for its reviewers and author.

    Served under /admin/ (wagtail_hooks), so only logged-in newsroom staff reach it.
    """
    from chenbao.stories import slip

    story = get_object_or_404(StoryPage, pk=pk)
    if not selectors.user_may_see_review_slip(user=request.user, story=story):
        raise PermissionDenied
    pdf = slip.review_slip_pdf(story=story, entries=list(selectors.review_slip(story=story)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="review-slip-{story.pk}.pdf"'
    return response


# --- Newsroom (under /admin/, registered in wagtail_hooks) -------------------------------


class CorrectionForm(forms.Form):
    note = forms.CharField(label=_("更正说明"), widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawalForm(forms.Form):
    reason = forms.CharField(label=_("撤稿原因"), widget=forms.Textarea(attrs={"rows": 4}))


def story_correct_view(request, pk: int):
    """Let 总编 / 值班总编 publish a correction under a live story."""

    def correct(story, data):
        services.story_correct(story=story, user=request.user, note=data["note"])

    return _after_publication_form(
        request,
        pk=pk,
        form_class=CorrectionForm,
        title=_("发布更正"),
        action=correct,
        allowed=Action.STORY_CORRECT,
        done=_("更正已发布"),
    )


def story_withdraw_view(request, pk: int):
    """Let 总编 / 值班总编 withdraw a story (撤稿), with the reason."""

    def withdraw(story, data):
        services.story_withdraw(story=story, user=request.user, reason=data["reason"])

    return _after_publication_form(
        request,
        pk=pk,
        form_class=WithdrawalForm,
        title=_("撤稿"),
        action=withdraw,
        allowed=Action.STORY_WITHDRAW,
        done=_("稿件已撤下"),
    )


def _after_publication_form(request, *, pk, form_class, title, action, allowed, done):
    story = get_object_or_404(StoryPage, pk=pk)
    require(request.user, allowed)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(story, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("wagtailadmin_pages:edit", story.pk)
    return render(
        request,
        "stories/admin/after_publication_form.html",
        {"story": story, "form": form, "title": title},
    )


def notices_mark_read(request):
    """Mark the user's story notices read (POST from the dashboard panel)."""
    if request.method != "POST":
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("notice") if i.isdigit()]
    services.notice_mark_read(user=request.user, notice_ids=ids)
    return redirect("wagtailadmin_home")


def withdrawals_view(request):
    """List withdrawn stories with who withdrew them, when and why (read-only)."""
    require(request.user, Action.STORY_WITHDRAW)
    return render(
        request,
        "stories/admin/withdrawals.html",
        {"withdrawals": selectors.withdrawal_list()},
    )
