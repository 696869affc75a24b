from django.urls import path

from . import views

app_name = "tools"
urlpatterns = [
    path("will-it-run/", views.will_it_run, name="will_it_run"),
    path("will-it-run/custom/", views.will_it_run_custom, name="will_it_run_custom"),
    path("methodology/", views.methodology, name="methodology"),
    path("api/v1/will-it-run", views.api_will_it_run, name="api_will_it_run"),
]
