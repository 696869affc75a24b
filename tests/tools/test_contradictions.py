from django.urls import reverse

from tools import contradictions


def test_a_fit_claim_the_engine_refutes_is_flagged(llama_70b):
    llama_70b.run_locally = "Quantized to 4 bits it fits on a single 24 GB card."

    found = contradictions.check_model(llama_70b)

    assert len(found) == 1
    assert found[0].field == "run_locally"
    assert "does not fit a 24 GB GPU" in found[0].reason


def test_a_fit_claim_the_engine_agrees_with_passes(llama):
    llama.summary = "At 4 bits it fits on a 12 GB card with room for context."

    assert contradictions.check_model(llama) == []


def test_typed_speeds_are_always_flagged(llama, rtx_3060):
    llama.strengths = "Fast: about 60 tok/s on mid-range GPUs"
    rtx_3060.summary = "Runs 8B models at 55 tokens per second."

    assert [c.claim for c in contradictions.check_model(llama)] == ["60 tok/s"]
    assert [c.claim for c in contradictions.check_hardware(rtx_3060)] == ["55 tokens per second"]


def test_reviewer_dashboard_lists_contradictions(client, llama_70b, reviewer):
    llama_70b.positioning = "Fits in 16 GB."
    llama_70b.save()
    client.force_login(reviewer)

    response = client.get(reverse("admin:dashboard"))

    assert "does not fit a 16 GB GPU" in response.text


def test_admin_warns_the_editor_on_save(client, llama_70b, editor):
    client.force_login(editor)
    url = reverse("admin:catalog_aimodel_change", args=[llama_70b.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        family=llama_70b.family_id,
        organization=llama_70b.organization_id,
        modalities="",
        languages="",
        run_locally="It fits on an 8 GB card.",
        **{
            f"editorial-source-content_type-object_id-{key}": "0"
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        **{
            f"editorial-correction-content_type-object_id-{key}": "0"
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    )

    response = client.post(url, data, follow=True)

    assert "does not fit a 8 GB GPU" in response.text
