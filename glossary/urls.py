from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("glossary/", views.term_list, name="term_list"),
    path("glossary/category/<slug:slug>/", views.category_detail, name="category_detail"),
    path("glossary/<slug:slug>/", views.term_detail, name="term_detail"),
]
