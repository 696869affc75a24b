"""
Open data: the read-only JSON API under /api/v1/, its docs at /api/, and CSV
downloads next to each catalog index page.

Included before tools.urls so that /api/v1/will-it-run (the fit engine's view,
which tools owns) gets the same CORS, ETag and rate-limit treatment as the rest.
"""

from django.urls import path, re_path

from tools.views import api_will_it_run

from . import views

app_name = "catalog_api"


def _table(name):
    return {"table_name": name}


urlpatterns = [
    path("api/", views.api_docs, name="docs"),
    path("api/v1/openapi.json", views.openapi_json, name="openapi"),
    path("api/v1/export.zip", views.full_export, name="export"),
    path("api/v1/will-it-run", views.api_endpoint(api_will_it_run), name="will_it_run"),
    path("models/export.csv", views.table_csv, _table("models"), name="models_csv"),
    path("hardware/export.csv", views.table_csv, _table("hardware"), name="hardware_csv"),
    path("tools/export.csv", views.table_csv, _table("software"), name="software_csv"),
    path("benchmarks/export.csv", views.table_csv, _table("benchmarks"), name="benchmarks_csv"),
]
for table in ("models", "hardware", "builds", "software", "benchmarks"):
    urlpatterns += [
        path(f"api/v1/{table}", views.item_list, _table(table), name=f"{table}_list"),
        path(
            f"api/v1/{table}/<str:slug>",
            views.item_detail,
            _table(table),
            name=f"{table}_detail",
        ),
    ]
# Anything else under /api/v1/ answers in JSON, not with the site's HTML 404 page.
urlpatterns.append(re_path(r"^api/v1/(?P<rest>.*)$", views.not_found, name="not_found"))
