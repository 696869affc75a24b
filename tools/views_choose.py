from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from catalog import queries
from catalog.models import AIModel, Benchmark, Hardware, Software

from . import catalog_fit, choose
from .fit import FitInputError
from .forms_choose import ChooseForm
from .views import PUBLIC_CACHE, _partial, _status

SOFTWARE = sorted({use.software for use in choose.USE_CASES.values()})


@require_GET
@vary_on_headers("HX-Request")
@cache_control(**PUBLIC_CACHE)
def choose_my_gpu(request):
    catalog = load_catalog()
    # A link that only pre-fills answers (no "use" yet) shows the form without errors.
    if "use" in request.GET:
        form = ChooseForm(request.GET, catalog=catalog)
    else:
        form = ChooseForm(initial=request.GET.dict(), catalog=catalog)
    result = None
    if form.is_valid():
        catalog = with_evidence(catalog)
        result = choose.shortlist(form.answers(), catalog)
    context = {
        "form": form,
        "shortlist": result,
        "rules": choose.RULES,
        "use_rows": _use_rows(catalog),
        "quant": choose.RANK_QUANT,
    }
    template = _partial(request, "tools/choose_my_gpu.html", "result")
    return render(request, template, context, status=_status(form, request))


def load_catalog():
    """Every published device, build, model and the gating software: 5 queries."""
    hardware = Hardware.objects.published().select_related("vendor")
    builds = [build for build in queries.builds_with_items() if build.items.all()]
    models = AIModel.objects.published().order_by("params_b", "slug")
    software = Software.objects.published().filter(slug__in=SOFTWARE)
    candidates = [_candidate(item) for item in hardware]
    candidates += [_build_candidate(build) for build in builds]
    return choose.Catalog(
        candidates=tuple(c for c in candidates if c is not None),
        models={model.slug: _model(model) for model in models},
        software={s.slug: _software(s) for s in software},
    )


def _use_rows(catalog):
    return [
        {
            "use": use,
            "models": [catalog.models[slug] for slug in use.models if slug in catalog.models],
            "software": catalog.software.get(use.software),
        }
        for use in choose.USE_CASES.values()
    ]


def with_evidence(catalog):
    """Add benchmarks (one query) so speeds carry measured/estimated labels."""
    # Evidence needs only the related names, not the per-row trust annotation.
    benchmarks = Benchmark.objects.published().select_related(
        "model", "quantization", "hardware", "build", "software"
    )
    evidence = catalog_fit.Evidence.from_benchmarks(benchmarks)
    return choose.Catalog(catalog.candidates, catalog.models, catalog.software, evidence)


def _price(hardware, count=1):
    if hardware.street_price_low_usd and hardware.street_price_seen:
        high = hardware.street_price_high_usd
        return choose.Price(
            amount=float(hardware.street_price_low_usd) * count,
            kind="street",
            date=hardware.street_price_seen,
            high=float(high) * count if high else None,
            count=count,
        )
    if hardware.msrp_usd:
        return choose.Price(
            amount=float(hardware.msrp_usd) * count,
            kind="msrp",
            date=hardware.release_date,
            count=count,
        )
    return None


def _candidate(hardware):
    try:
        device = catalog_fit.device_for_hardware(hardware)
    except FitInputError:
        return None
    return choose.Candidate(
        slug=hardware.slug,
        name=hardware.name,
        url=hardware.get_absolute_url(),
        kind=hardware.kind,
        is_build=False,
        form_factor=hardware.form_factor,
        backends=frozenset(tag.lower() for tag in hardware.backends),
        tdp_w=hardware.tdp_w,
        price=_price(hardware),
        memory_gb=device.spec.memory_gb,
        count=1,
        parts=(hardware.slug,),
        device=device,
    )


def _build_candidate(build):
    items = list(build.items.all())
    parts = [item.hardware for item in items]
    try:
        device = catalog_fit.device_for_build(build)
    except FitInputError:
        return None
    count = sum(item.count for item in items)
    # Only a build of one kind of card has a price and a date that mean something.
    same = len({part.slug for part in parts}) == 1
    watts = [item.hardware.tdp_w for item in items]
    forms = {part.form_factor for part in parts}
    return choose.Candidate(
        slug=build.slug,
        name=build.name,
        url=build.get_absolute_url(),
        kind=parts[0].kind,
        is_build=True,
        form_factor=forms.pop() if len(forms) == 1 else "",
        backends=frozenset.intersection(
            *(frozenset(tag.lower() for tag in part.backends) for part in parts)
        ),
        tdp_w=sum(w * item.count for w, item in zip(watts, items, strict=True))
        if all(watts)
        else None,
        price=_price(parts[0], count) if same else None,
        memory_gb=device.spec.memory_gb,
        count=count,
        parts=tuple(part.slug for part in parts),
        device=device,
    )


def _model(model):
    try:
        spec = catalog_fit.model_spec(model)
    except (catalog_fit.NotALanguageModel, FitInputError):
        spec = None
    return choose.ModelInfo(
        slug=model.slug,
        name=model.name,
        url=model.get_absolute_url(),
        params_b=float(model.params_b),
        spec=spec,
        outputs=model.outputs,
        ollama_tag=model.ollama_tag or None,
    )


def _software(software):
    return choose.SoftwareInfo(
        slug=software.slug,
        name=software.name,
        url=software.get_absolute_url(),
        platforms=frozenset(tag.lower() for tag in software.platforms),
        backends=frozenset(tag.lower() for tag in software.backends),
    )
