"""How a finished 三审 publishes its story (settings.WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def publish_workflow_state(workflow_state, user=None) -> None:
    """Publish the revision that passed 终审.

    Reviewers have no publish permission of their own (so nobody can publish around the
    workflow); passing the last level is what authorises publication.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
    from chenbao.figures.services import story_figures_extract

    story_figures_extract(story=workflow_state.content_object)  # the figures it prints
