"""
Loading published catalog rows in a fixed number of queries.

Pages that ask the fit engine about many devices or models load every row they
need here, once, so a page's query count does not grow with the catalog.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from editorial.views import with_byline_and_sources
from tools import catalog_fit

from .models import AIModel, Benchmark, Build, BuildItem, Hardware


@dataclass(frozen=True)
class CatalogDevice:
    """A published Hardware or Build with its engine Device."""

    item: object
    device: catalog_fit.Device

    @property
    def is_build(self):
        return isinstance(self.item, Build)

    @property
    def price_usd(self):
        return self.device.price_usd


def builds_with_items(queryset=None):
    queryset = Build.objects.published() if queryset is None else queryset
    items = BuildItem.objects.select_related("hardware__vendor")
    return queryset.prefetch_related(Prefetch("items", queryset=items))


def device_for(item):
    if isinstance(item, Build):
        return catalog_fit.device_for_build(item)
    return catalog_fit.device_for_hardware(item)


def published_devices(*, slugs=None):
    """Every published device and build (or those with `slugs`), as CatalogDevices: 3 queries."""
    hardware = Hardware.objects.published().select_related("vendor")
    builds = builds_with_items()
    if slugs is not None:
        hardware = hardware.filter(slug__in=slugs)
        builds = builds.filter(slug__in=slugs)
    devices = [CatalogDevice(item, device_for(item)) for item in hardware]
    # A build without items cannot be sized; it still has its own page.
    devices += [CatalogDevice(build, device_for(build)) for build in builds if build.items.all()]
    return devices


def language_models():
    """Published models the engine can size (image and speech models have no KV cache)."""
    return AIModel.objects.published().exclude(attention_kind="").exclude(layers=None)


def benchmarks():
    return Benchmark.objects.published().with_related()


def device_page_item(slug):
    """The Hardware with this slug, else the Build: the object /hardware/<slug>/ shows."""
    hardware = (
        with_byline_and_sources(Hardware.objects.published())
        .select_related("vendor")
        .filter(slug=slug)
        .first()
    )
    if hardware is not None:
        return hardware
    return with_byline_and_sources(builds_with_items()).filter(slug=slug).first()
