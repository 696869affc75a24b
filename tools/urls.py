from django.urls import path

from . import views, views_choose, views_cost

app_name = "tools"
urlpatterns = [
    path("will-it-run/", views.will_it_run, name="will_it_run"),
    path("will-it-run/custom/", views.will_it_run_custom, name="will_it_run_custom"),
    path("methodology/", views.methodology, name="methodology"),
    path("cost-vs-cloud/", views_cost.cost_vs_cloud, name="cost_vs_cloud"),
    path("choose-my-gpu/", views_choose.choose_my_gpu, name="choose_my_gpu"),
    path("api/v1/will-it-run", views.api_will_it_run, name="api_will_it_run"),
]
