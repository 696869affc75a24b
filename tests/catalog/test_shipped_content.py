"""The catalog shipped with the project: complete, cited and consistent."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from catalog.models import AIModel, Benchmark, Build, Hardware, ModelFamily, Software
from editorial.models import Person, Source, Status


def test_shipped_catalog_meets_its_size_targets(shipped_module, db):
    assert AIModel.objects.published().count() >= 60
    assert ModelFamily.objects.count() >= 15
    assert Hardware.objects.published().count() >= 80
    assert Build.objects.published().count() >= 5
    assert Software.objects.published().count() >= 25
    assert Benchmark.objects.published().count() >= 250


def test_every_shipped_entry_cites_a_source_url(shipped_module, db):
    missing = []
    for model in (AIModel, Hardware, Build, Software, Benchmark):
        content_type = ContentType.objects.get_for_model(model)
        cited = set(
            Source.objects.filter(content_type=content_type)
            .exclude(url="")
            .values_list("object_id", flat=True)
        )
        missing += [str(obj) for obj in model.objects.exclude(pk__in=cited)]

    assert missing == []


def test_every_benchmark_has_a_run_date_or_says_what_its_source_states(shipped_module, db):
    undated = Benchmark.objects.filter(run_date__isnull=True, run_date_note="")

    assert list(undated) == []
    assert not Benchmark.objects.filter(source_url="").exists()


def test_shipped_entries_are_published_under_the_team_byline(shipped_module, db):
    team = Person.team()

    for model in (AIModel, Hardware, Build, Software, Benchmark):
        assert not model.objects.exclude(status=Status.PUBLISHED).exists()
        assert not model.objects.exclude(reviewed_by=team).exists()


def test_architecture_numbers_are_consistent(shipped_module, db):
    problems = []
    for model in AIModel.objects.all():
        try:
            model.clean()
        except Exception as error:
            problems.append(f"{model.slug}: {error}")

    assert problems == []


def test_every_language_model_has_the_numbers_the_fit_engine_needs(shipped_module, db):
    language_models = AIModel.objects.exclude(attention_kind="")
    incomplete = [
        model.slug
        for model in language_models
        if not (model.layers and model.params_b and (model.kv_heads or model.kv_lora_rank))
    ]

    assert incomplete == []


def test_builds_and_benchmarks_resolve_to_catalog_entries(shipped_module, db):
    for build in Build.objects.prefetch_related("items__hardware"):
        assert build.items.exists(), build
    for benchmark in Benchmark.objects.all():
        assert (benchmark.hardware_id is None) != (benchmark.build_id is None), benchmark


def test_admin_changelists_load_with_the_shipped_catalog(admin_client, shipped_module):
    for name in ["aimodel", "hardware", "build", "software", "benchmark", "quantization"]:
        response = admin_client.get(reverse(f"admin:catalog_{name}_changelist"))
        assert response.status_code == 200, name
