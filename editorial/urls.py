from django.urls import path

from . import urls_reference, views, views_site

app_name = "editorial"
urlpatterns = [
    path("authors/", views.person_list, name="person_list"),
    path("authors/<slug:slug>/", views.person_detail, name="person_detail"),
    path("learn/", views_site.course_list, name="course_list"),
    path("learn/<slug:slug>/", views_site.course_detail, name="course_detail"),
    path("learn/<slug:course_slug>/<slug:slug>/", views_site.chapter_detail, name="chapter_detail"),
    path("pulse/", views_site.pulse_list, name="pulse_list"),
    path("pulse/feed/", views_site.pulse_feed, name="pulse_feed"),
    path("pulse/<slug:slug>/", views_site.pulse_detail, name="pulse_detail"),
    path("contact/", views_site.contact_form, name="contact_form"),
    path("contact/thanks/", views_site.contact_thanks, name="contact_thanks"),
]

# Buyer guides, errors, troubleshooting, quick answers, prompting kits.
urlpatterns += urls_reference.urlpatterns
