from django.contrib import admin
from django.urls import include, path

from editorial import views as editorial_views

from . import sitemaps, views

handler500 = "runlocalai.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_xml, name="sitemap_xml"),
    path("sitemap/", sitemaps.sitemap_html, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("", include("editorial.urls")),
    path("", include("catalog.urls")),
    # Before tools.urls: it also serves /api/v1/will-it-run with the API's headers.
    path("", include("catalog.api.urls")),
    path("", include("tools.urls")),
    path("", include("glossary.urls")),
    path("", include("newsletter.urls")),
]

# Standalone pages (about, privacy, …) live at /<slug>/; last, so every other
# route wins.
urlpatterns.append(path("<slug:slug>/", editorial_views.page_detail, name="page_detail"))
