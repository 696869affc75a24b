from tools import contradictions


def test_shipped_catalog_prose_never_contradicts_the_engine(shipped_module, db):
    found = contradictions.published_contradictions()

    assert [f"{c.obj}: {c.claim} — {c.reason}" for c in found] == []
