"""Routes of the reference content; editorial/urls.py adds them to the editorial namespace."""

from django.urls import path

from . import views_reference as views

urlpatterns = [
    path("guides/", views.guide_list, name="guide_list"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide_detail"),
    path("errors/", views.error_list, name="error_list"),
    path("errors/<slug:slug>/", views.error_detail, name="error_detail"),
    path("errors/<slug:slug>/feedback/", views.error_feedback, name="error_feedback"),
    path("troubleshooting/", views.troubleshooting_list, name="troubleshooting_list"),
    path(
        "troubleshooting/<slug:slug>/",
        views.troubleshooting_detail,
        name="troubleshooting_detail",
    ),
    path("quick-answers/", views.quick_answer_list, name="quick_answer_list"),
    path("quick-answers/<slug:slug>/", views.quick_answer_detail, name="quick_answer_detail"),
    path("prompting-kits/", views.prompting_kit_list, name="prompting_kit_list"),
    path("prompting-kits/<slug:slug>/", views.prompting_kit_detail, name="prompting_kit_detail"),
]
