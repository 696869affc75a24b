import pytest

from glossary import shortcodes


def test_parse_reads_every_argument():
    code = shortcodes.parse(
        " model=llama-3-1-8b quant=Q4_K_M context=65536 kv=q8_0 hardware=rtx show=verdict"
    )

    assert code == shortcodes.FitShortcode(
        model="llama-3-1-8b",
        show="verdict",
        quant="Q4_K_M",
        context=65536,
        hardware="rtx",
        kv="q8_0",
    )


@pytest.mark.parametrize(
    "args",
    [
        "model=m",
        "show=total_gb",
        "model=m show=speed",
        "model=m show=verdict",
        "model=m show=total_gb quant=Q9_Z",
        "model=m show=total_gb context=lots",
        "model=m show=total_gb context=0",
        "model=m show=total_gb kv=q2",
        "model=m show=total_gb colour=red",
    ],
)
def test_parse_rejects_shortcodes_that_make_no_sense(args):
    with pytest.raises(shortcodes.ShortcodeError):
        shortcodes.parse(args)


def test_render_shortcodes_shows_a_visible_gap_and_reports_it():
    errors = []

    text = shortcodes.render_shortcodes(
        "Needs [[fit model=missing show=total_gb]] GB.", models={}, hardware={}, errors=errors
    )

    assert text == "Needs [figure unavailable] GB."
    assert errors == ["[[fit model=missing show=total_gb]]: no published model 'missing'"]


def test_wanted_collects_the_slugs_a_page_must_fetch():
    texts = [
        "[[fit model=a show=total_gb]] and [[fit model=b hardware=h show=verdict]]",
        "[[fit model=a show=oops]]",
    ]

    assert shortcodes.wanted(texts) == ({"a", "b"}, {"h"})


def test_count_is_parsed_and_bounded():
    from glossary.shortcodes import ShortcodeError, parse

    assert parse("model=m show=verdict hardware=h count=2").count == 2
    for bad in ("count=0", "count=x", "count=99"):
        try:
            parse(f"model=m show=verdict hardware=h {bad}")
        except ShortcodeError:
            continue
        raise AssertionError(bad)
