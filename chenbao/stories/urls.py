from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from chenbao.stories import feeds, views
from chenbao.stories.sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("api/v1/stories/<int:pk>.ninjs.json", views.story_ninjs, name="ninjs"),
    # A section's slug may be Chinese (section_get_or_create, Wagtail's Unicode slugs):
    # Django's <slug:> takes ASCII only.
    re_path(r"^feeds/(?P<slug>[-\w]+)/rss\.xml$", feeds.SectionRssFeed(), name="feed_rss"),
    re_path(r"^feeds/(?P<slug>[-\w]+)/atom\.xml$", feeds.SectionAtomFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
]
