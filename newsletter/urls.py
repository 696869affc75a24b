from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/archive/", views.digest_list, name="digest_list"),
    path("newsletter/archive/<slug:slug>/", views.digest_detail, name="digest_detail"),
]
