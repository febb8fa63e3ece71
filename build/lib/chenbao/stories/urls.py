from django.contrib.sitemaps.views import sitemap
from django.urls import path

from chenbao.stories import feeds, views
from chenbao.stories.sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("api/v1/stories/<int:pk>.ninjs.json", views.story_ninjs, name="ninjs"),
    path("feeds/<slug:slug>/rss.xml", feeds.SectionRssFeed(), name="feed_rss"),
    path("feeds/<slug:slug>/atom.xml", feeds.SectionAtomFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
]
