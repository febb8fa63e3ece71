"""Newsroom pages for stories, under /admin/ (registered in wagtail_hooks): the review slip
PDF, corrections, withdrawals and the dashboard's notices."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from chenbao.core.access import Action, require
from chenbao.stories import selectors, services
from chenbao.stories.models import StoryPage


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
