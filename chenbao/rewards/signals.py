"""When a story that grew out of a tip is published, put a reward before the desk."""


def on_page_published(sender, instance, **kwargs) -> None:
    from chenbao.rewards.services import rewards_suggest_for_story
    from chenbao.stories.models import StoryPage

    story = getattr(instance, "specific", instance)
    # Runs inside the publish transaction: if publishing rolls back, so does the suggestion.
    if isinstance(story, StoryPage) and story.tips.exists():
        rewards_suggest_for_story(story=story)
