from glossary.autolink import Phrase, autolink

KV = Phrase("KV cache", "/glossary/kv-cache/", "kv-cache", "KV cache")
RAG = Phrase("RAG", "/glossary/rag/", "rag", "Retrieval-augmented generation")
QKV = Phrase("quantized KV cache", "/glossary/quantized-kv-cache/", "qkv", "Quantized KV cache")


def test_autolink_links_the_first_mention_only():
    html = autolink("<p>The KV cache grows. The KV cache is read.</p>", [KV])

    assert html == (
        '<p>The <a class="term-link" href="/glossary/kv-cache/" title="KV cache">KV cache</a>'
        " grows. The KV cache is read.</p>"
    )


def test_autolink_never_links_inside_code_pre_or_links():
    html = "<p><code>KV cache</code> <a href='/x'>KV cache</a></p><pre><code>KV cache</code></pre>"

    assert autolink(html, [KV]) == html


def test_autolink_links_after_skipped_elements_close():
    html = autolink("<p><code>KV cache</code> then KV cache</p>", [KV])

    assert html.startswith("<p><code>KV cache</code> then <a ")


def test_autolink_ignores_case_for_names_but_not_for_abbreviations():
    html = autolink("<p>kv cache and a drag race and rag</p>", [KV, RAG])

    assert 'href="/glossary/kv-cache/"' in html
    assert "/glossary/rag/" not in html


def test_autolink_matches_abbreviations_exactly():
    html = autolink("<p>Use RAG here.</p>", [RAG])

    assert '<a class="term-link" href="/glossary/rag/"' in html


def test_autolink_prefers_the_longest_phrase():
    html = autolink("<p>A quantized KV cache saves memory.</p>", [KV, QKV])

    assert 'href="/glossary/quantized-kv-cache/"' in html
    assert 'href="/glossary/kv-cache/"' not in html


def test_autolink_shares_first_mention_across_fragments_of_a_page():
    seen = set()

    first = autolink("<p>KV cache</p>", [KV], seen=seen)
    second = autolink("<p>KV cache</p>", [KV], seen=seen)

    assert "<a " in first
    assert second == "<p>KV cache</p>"


def test_autolink_keeps_entities_and_markup_intact():
    html = "<p>Tom &amp; Jerry&#39;s <em>KV cache</em><br>end</p>"

    linked = autolink(html, [KV])

    assert linked.startswith("<p>Tom &amp; Jerry&#39;s <em><a ")
    assert linked.endswith("</a></em><br>end</p>")


def test_autolink_respects_word_boundaries():
    html = "<p>MyKV cachette</p>"

    assert autolink(html, [KV]) == html


def test_autolink_escapes_phrase_urls_and_titles():
    evil = Phrase("KV cache", '/x"onmouseover="y', "k", '"><script>')

    linked = autolink("<p>KV cache</p>", [evil])

    assert "<script>" not in linked
    assert '"onmouseover' not in linked
