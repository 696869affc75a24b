"""
The reference content's entries in site search (runlocalai.search).

Error entries carry the exact message and its variants as aliases: people paste
what their terminal printed, and the search gives alias matches a high weight.
"""

from runlocalai.search import SearchType, _plain, _text, register

from .models import ErrorEntry, Guide, PromptingKit, QuickAnswer, TroubleshootingGuide

register(
    SearchType(
        kind="error",
        label="Errors",
        model=ErrorEntry,
        title=lambda e: e.title,
        aliases=lambda e: [e.error_string, *e.aliases],
        summary=lambda e: e.summary,
        body=lambda e: _plain(_text(e.what_it_means, e.causes, e.fix)),
        boost=1.2,
    )
)
register(
    SearchType(
        kind="troubleshooting",
        label="Troubleshooting",
        model=TroubleshootingGuide,
        title=lambda t: t.title,
        aliases=lambda t: [t.symptom],
        summary=lambda t: t.summary,
        body=lambda t: _plain(t.intro),
    )
)
register(
    SearchType(
        kind="guide",
        label="Buyer guides",
        model=Guide,
        title=lambda g: g.title,
        summary=lambda g: _text(g.summary, _plain(g.short_answer)),
        body=lambda g: _plain(g.body),
    )
)
register(
    SearchType(
        kind="quick_answer",
        label="Quick answers",
        model=QuickAnswer,
        title=lambda q: q.title,
        summary=lambda q: _plain(q.answer),
        body=lambda q: _plain(q.body),
    )
)
register(
    SearchType(
        kind="prompting_kit",
        label="Prompting kits",
        model=PromptingKit,
        title=lambda k: k.title,
        aliases=lambda k: [k.get_task_display()],
        summary=lambda k: _text(k.summary, k.model_sizes),
        body=lambda k: _plain(_text(k.templates, k.caveats, k.tips)),
        boost=0.9,
    )
)
