from django.urls import path, register_converter

from . import views
from .views import submissions


class VersusConverter:
    """`a-vs-b` or `a-vs-b-vs-c` ↔ a list of two or three slugs (slugs contain hyphens)."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:-vs-[a-z0-9]+(?:-[a-z0-9]+)*){1,2}"

    def to_python(self, value):
        return value.split("-vs-")

    def to_url(self, value):
        return value if isinstance(value, str) else "-vs-".join(value)


register_converter(VersusConverter, "versus")

app_name = "catalog"
urlpatterns = [
    path("models/", views.model_list, name="model_list"),
    path("models/<slug:slug>/", views.model_detail, name="model_detail"),
    path("hardware/", views.hardware_list, name="hardware_list"),
    path("hardware/leaderboard/", views.hardware_leaderboard, name="hardware_leaderboard"),
    path("hardware/<slug:slug>/", views.hardware_detail, name="hardware_detail"),
    # Builds share the hardware URL space; the view looks for a device first.
    path("hardware/<slug:slug>/", views.hardware_detail, name="build_detail"),
    path("tools/", views.software_list, name="software_list"),
    path("tools/<slug:slug>/", views.software_detail, name="software_detail"),
    path("compatibility/", views.compatibility_matrix, name="compatibility"),
    path("benchmarks/", views.benchmark_list, name="benchmark_list"),
    # Before the detail pattern: these words are not benchmark slugs.
    path("benchmarks/submit/", submissions.benchmark_submit, name="benchmark_submit"),
    path(
        "benchmarks/submit/thanks/",
        submissions.benchmark_submit_thanks,
        name="benchmark_submit_thanks",
    ),
    path(
        "benchmarks/methodology/",
        submissions.benchmark_methodology,
        name="benchmark_methodology",
    ),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark_detail"),
    path("compare/", views.compare_index, name="compare_index"),
    path("compare/hardware/<versus:slugs>/", views.compare_hardware, name="compare_hardware"),
]
