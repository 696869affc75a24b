"""
The shipped reference content, loaded once and checked as a whole: structure
complete, links resolve, commands where readers need them, every engine figure
renders, and nothing the engine owns is typed into prose.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from catalog.models import AIModel
from editorial import reference_loader
from editorial.models import (
    ErrorEntry,
    Guide,
    GuideFormat,
    PromptingKit,
    QuickAnswer,
    Status,
    TroubleshootingGuide,
)
from editorial.reference_pages import PageText
from glossary.models import Term
from glossary.shortcodes import UNAVAILABLE

pytestmark = pytest.mark.usefixtures("shipped_module", "db")

MINIMUM = {
    Guide: 8,
    ErrorEntry: 25,
    TroubleshootingGuide: 8,
    QuickAnswer: 30,
    PromptingKit: 8,
}
CODE_BLOCK = re.compile(r"^\s*```", re.MULTILINE)
INTERNAL_LINK = re.compile(r"\]\((/[^)\s#]*)(?:#[^)]*)?\)")
FENCED = re.compile(r"```.*?```", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`]*`")
# A speed typed by hand ("45 tok/s", "about 30 tokens per second") belongs to the engine.
TYPED_SPEED = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:tok/s|tokens?/s|tokens per second|t/s)\b",
    re.IGNORECASE,
)


def _markdown_fields(item):
    if isinstance(item, ErrorEntry):
        return item.markdown_fields
    if isinstance(item, Guide):
        picks = [t for p in item.picks.all() for t in (p.why, p.buy_if, p.skip_if)]
        return [item.short_answer, *picks, item.body]
    if isinstance(item, TroubleshootingGuide):
        return [item.intro, *[t for c in item.causes.all() for t in (c.diagnose, c.fix)]]
    if isinstance(item, QuickAnswer):
        return [item.answer, item.body]
    return [item.templates, item.caveats, item.tips]


def _all_items():
    return [item for model in MINIMUM for item in model.objects.published()]


def _prose(text):
    return INLINE_CODE.sub(" ", FENCED.sub(" ", text or ""))


def test_every_shipped_file_loaded_published():
    for kind, model, _ in reference_loader.TYPES:
        slugs = {
            reference_loader.read_markdown(path)[0]["slug"] for path in reference_loader.files(kind)
        }
        published = set(
            model.objects.filter(status=Status.PUBLISHED).values_list("slug", flat=True)
        )
        assert slugs <= published, kind


@pytest.mark.parametrize(("model", "minimum"), MINIMUM.items(), ids=lambda v: str(v))
def test_enough_items_of_each_type(model, minimum):
    assert model.objects.published().count() >= minimum


def test_loading_again_changes_nothing():
    stdout = StringIO()

    call_command("load_content", stdout=stdout)

    editorial_line = next(
        line for line in stdout.getvalue().splitlines() if line.startswith("editorial")
    )
    assert "created" not in editorial_line
    assert "updated" not in editorial_line


def test_every_item_cites_a_source_url():
    for item in _all_items():
        urls = [source.url for source in item.sources.all()]
        assert urls, item.slug
        assert all(url.startswith(("https://", "http://")) for url in urls), item.slug


def test_error_entries_are_complete_and_have_commands():
    for entry in ErrorEntry.objects.published():
        assert entry.error_string.strip(), entry.slug
        assert entry.runtimes, entry.slug
        assert entry.platforms, entry.slug
        assert re.search(r"^1\. ", entry.causes, re.MULTILINE), f"{entry.slug}: numbered causes"
        # Numbered steps, or steps per runtime/OS under ### headings (FORMATS.md allows both).
        assert re.search(r"^(1\. |### )", entry.fix, re.MULTILINE), f"{entry.slug}: fix steps"
        assert CODE_BLOCK.search(entry.fix), f"{entry.slug}: no command in the fix"


def test_error_cross_references_exist():
    slugs = set(ErrorEntry.objects.published().values_list("slug", flat=True))
    terms = set(Term.objects.published().values_list("slug", flat=True))
    for entry in ErrorEntry.objects.published():
        assert set(entry.related) <= slugs, f"{entry.slug}: {set(entry.related) - slugs}"
        assert set(entry.glossary) <= terms, f"{entry.slug}: {set(entry.glossary) - terms}"


def test_troubleshooting_causes_have_commands():
    for guide in TroubleshootingGuide.objects.published().prefetch_related("causes"):
        causes = list(guide.causes.all())
        assert causes, guide.slug
        for cause in causes:
            assert CODE_BLOCK.search(cause.diagnose + cause.fix), f"{guide.slug}: {cause.name}"
            assert cause.diagnose.strip(), f"{guide.slug}: {cause.name}"
            assert cause.fix.strip(), f"{guide.slug}: {cause.name}"


def test_guides_are_complete_and_picks_link_published_catalog_rows():
    for guide in Guide.objects.published().prefetch_related("picks__hardware", "picks__build"):
        picks = list(guide.picks.all())
        if guide.format == GuideFormat.SHORT_ANSWER:
            assert guide.short_answer.strip(), guide.slug
        else:
            assert picks, guide.slug
            assert [pick.rank for pick in picks] == list(range(1, len(picks) + 1)), guide.slug
        for pick in picks:
            device = pick.hardware or pick.build
            assert device is not None, f"{guide.slug}: {pick}"
            assert device.is_published, f"{guide.slug}: {pick}"
            assert all([pick.why, pick.buy_if, pick.skip_if]), f"{guide.slug}: {pick}"
        assert "## " in guide.body, f"{guide.slug}: sections after the answer"


def test_quick_answers_are_short_and_go_deeper():
    for answer in QuickAnswer.objects.published():
        sentences = re.findall(r"[.!?](?:\s|$)", _prose(answer.answer).strip())
        assert 1 <= len(sentences) <= 5, f"{answer.slug}: {len(sentences)} sentences"
        assert answer.deeper.startswith("/"), answer.slug


def test_prompting_kits_have_copyable_templates_and_known_models():
    models = set(AIModel.objects.published().values_list("slug", flat=True))
    for kit in PromptingKit.objects.published():
        assert re.search(r"^```text$", kit.templates, re.MULTILINE), kit.slug
        assert kit.caveats.strip(), kit.slug
        assert set(kit.tested_with) <= models, f"{kit.slug}: {set(kit.tested_with) - models}"


def test_every_shortcode_renders():
    for item in _all_items():
        texts = _markdown_fields(item)
        page = PageText(texts, autolink=False)
        html = "".join(page.render(text) for text in texts)
        assert not page.errors, f"{item.slug}: {page.errors}"
        assert UNAVAILABLE not in html, item.slug


def test_no_engine_speed_is_typed_into_prose():
    for item in _all_items():
        for text in _markdown_fields(item):
            typed = TYPED_SPEED.findall(_prose(text))
            assert not typed, f"{item.slug}: {typed}"


def test_internal_links_resolve(client):
    paths = {}
    for item in _all_items():
        texts = [*_markdown_fields(item), getattr(item, "see_also", "")]
        if isinstance(item, QuickAnswer):
            paths.setdefault(item.deeper, item.slug)
        for text in texts:
            for path in INTERNAL_LINK.findall(text or ""):
                paths.setdefault(path, item.slug)
    broken = []
    for path, slug in sorted(paths.items()):
        try:
            resolve(path)
        except Resolver404:
            broken.append(f"{slug}: {path} (no route)")
            continue
        # Detail pages only exist for published rows: ask the page itself.
        status = client.get(path).status_code
        if status != 200:
            broken.append(f"{slug}: {path} ({status})")
    assert not broken, "\n".join(broken)
