"""
The catalog tables the API, the CSV files and the full export publish.

Each table names its published queryset, its serializer and the filter form of its
index page, so `/models/?size=small`, `/api/v1/models?size=small` and
`/models/export.csv?size=small` select the same rows in the same order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms

from ..forms import (
    ANY,
    BenchmarkFilterForm,
    HardwareFilterForm,
    ModelFilterForm,
    SoftwareFilterForm,
)
from ..models.hardware import HardwareKind
from . import serializers


class DeviceFilterForm(HardwareFilterForm):
    """The hardware index's filters for single devices; builds have their own table."""

    kind = forms.ChoiceField(choices=ANY + HardwareKind.choices, required=False)


class BuildFilterForm(HardwareFilterForm):
    """The filters the hardware index applies when it lists builds."""

    kind = None
    vendor = None
    min_memory = None
    sort = forms.ChoiceField(choices=[("name", "Name"), ("price", "Lowest price")], required=False)

    def __init__(self, *args, **kwargs):
        # Skips HardwareFilterForm.__init__: builds have no vendor to list.
        forms.Form.__init__(self, *args, **kwargs)

    def apply(self, queryset):
        return self.apply_to_builds(queryset)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    schema: str
    queryset: Callable
    serialize: Callable
    form_class: type

    def select(self, form):
        """The published rows the (validated) form selects, in a stable order."""
        queryset = form.apply(self.queryset())
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        # Names are not unique: the primary key makes pages stable.
        return queryset.order_by(*ordering, "pk")


TABLES = {
    table.name: table
    for table in [
        Table(
            "models",
            "AI models",
            "Model",
            serializers.models_queryset,
            serializers.model_data,
            ModelFilterForm,
        ),
        Table(
            "hardware",
            "Hardware",
            "Hardware",
            serializers.hardware_queryset,
            serializers.hardware_data,
            DeviceFilterForm,
        ),
        Table(
            "builds",
            "Multi-device builds",
            "Build",
            serializers.builds_queryset,
            serializers.build_data,
            BuildFilterForm,
        ),
        Table(
            "software",
            "Software (tools)",
            "Software",
            serializers.software_queryset,
            serializers.software_data,
            SoftwareFilterForm,
        ),
        Table(
            "benchmarks",
            "Benchmarks",
            "Benchmark",
            serializers.benchmarks_queryset,
            serializers.benchmark_data,
            BenchmarkFilterForm,
        ),
    ]
}
