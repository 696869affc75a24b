from django.urls import path

from . import views

app_name = "editorial"
urlpatterns = [
    path("authors/", views.person_list, name="person_list"),
    path("authors/<slug:slug>/", views.person_detail, name="person_detail"),
]
