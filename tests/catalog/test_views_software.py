from .helpers import json_ld, queries_for


def test_tools_list_shows_published_software_only(client, make_software):
    make_software(name="Public runner")
    make_software(name="Draft runner", draft=True)

    text = client.get("/tools/").text

    assert "Public runner" in text
    assert "Draft runner" not in text


def test_tools_list_filters_by_platform_and_ignores_bad_values(client, make_software):
    make_software(name="Linux only", platforms=["linux"])
    make_software(name="Windows only", platforms=["windows"])

    linux = client.get("/tools/?platform=linux").text
    junk = client.get("/tools/?platform=amiga&kind=%3Cscript%3E")

    assert "Linux only" in linux
    assert "Windows only" not in linux
    assert junk.status_code == 200
    assert "Windows only" in junk.text


def test_tool_page_shows_install_commands_and_benchmarks(client, make_software, make_benchmark):
    software = make_software(name="Runner X", run_example="runx serve model.gguf")
    make_benchmark(software=software, decode_tokens_per_s="77.70")

    response = client.get(software.get_absolute_url())

    text = response.text
    assert response.status_code == 200
    assert "<pre><code>curl -fsSL https://example.com/install.sh | sh</code></pre>" in text
    assert "runx serve model.gguf" in text
    assert "77.70" in text
    assert "safetensors" in text
    assert "import" in text


def test_draft_tool_page_is_404(client, make_software):
    software = make_software(draft=True)

    assert client.get(software.get_absolute_url()).status_code == 404


def test_tool_json_ld_is_a_software_application(client, make_software):
    software = make_software(name="Structured runner")

    blocks = json_ld(client.get(software.get_absolute_url()))

    assert any(block["@type"] == "SoftwareApplication" for block in blocks)


def test_json_ld_cannot_close_its_script_element(client, make_software):
    software = make_software(summary="Tricky </script><script>alert(1)</script>")

    response = client.get(software.get_absolute_url())

    assert "</script><script>alert(1)" not in response.text
    block = next(b for b in json_ld(response) if b["@type"] == "SoftwareApplication")
    assert block["description"].startswith("Tricky </script>")


def test_compatibility_matrix_shows_listed_caveats_and_not_listed(client, make_software):
    make_software(name="Matrix runner", model_formats=["gguf", "safetensors (import)"])

    text = client.get("/compatibility/").text

    assert "Matrix runner" in text
    assert "import" in text
    assert "not listed" in text
    assert '<th scope="col">CUDA</th>' in text


def test_tools_pages_keep_their_query_count(client, make_software, make_benchmark):
    software = make_software()
    urls = ["/tools/", software.get_absolute_url(), "/compatibility/"]
    before = [queries_for(client, url) for url in urls]

    for _ in range(6):
        make_software()
        make_benchmark(software=software)

    assert [queries_for(client, url) for url in urls] == before
