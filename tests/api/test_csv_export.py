import csv
import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command


def _rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    ("index", "download", "query"),
    [
        ("/models/", "/models/export.csv", "sort=name"),
        ("/hardware/", "/hardware/export.csv", "kind=build"),
        ("/tools/", "/tools/export.csv", "kind=runner"),
        ("/benchmarks/", "/benchmarks/export.csv", "sort=model"),
    ],
)
def test_index_pages_link_a_csv_of_the_current_filter(client, db, index, download, query):
    plain = client.get(index)
    filtered = client.get(f"{index}?{query}&page=2")

    # {% querystring %} leaves a bare "?" when there is nothing to carry.
    assert f'href="{download}?"' in plain.text
    # The filters travel with the link; the page number does not.
    assert f'href="{download}?{query}"' in filtered.text


def test_csv_download_applies_the_same_filters_as_the_page(client, make_model):
    make_model(name="Tiny", slug="tiny", params_b="1.5", commercial_use=True)
    make_model(name="Big", slug="big", params_b="70")

    response = client.get("/models/export.csv", {"size": "tiny"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="runlocalai-models-')
    rows = _rows(response)
    assert [row["slug"] for row in rows] == ["tiny"]
    assert rows[0]["params_b"] == "1.5"
    assert rows[0]["family"] == "llama-3"
    assert rows[0]["commercial_use"] == "true"
    assert rows[0]["active_params_b"] == ""
    assert rows[0]["modalities"] == "text"
    assert json.loads(rows[0]["sources"])[0]["url"] == "https://example.com/source"


def test_csv_header_is_written_even_without_rows(client, db):
    response = client.get("/benchmarks/export.csv")

    header = response.content.decode().splitlines()[0].split(",")
    assert header[:3] == ["slug", "model", "quantization"]
    assert "trust_tier" in header
    assert len(response.content.decode().splitlines()) == 1


def test_hardware_csv_follows_the_build_filter(client, make_build, make_hardware):
    make_hardware(slug="single")
    make_build(slug="pair")

    devices = [row["slug"] for row in _rows(client.get("/hardware/export.csv"))]
    builds = _rows(client.get("/hardware/export.csv", {"kind": "build"}))

    assert "single" in devices
    assert "pair" not in devices
    assert [row["slug"] for row in builds] == ["pair"]
    assert json.loads(builds[0]["items"])[0]["count"] == 2


def test_csv_rejects_an_invalid_filter_with_a_clear_400(client, db):
    response = client.get("/models/export.csv", {"min_context": "lots"})

    assert response.status_code == 400
    assert "min_context" in response.content.decode()


def test_csv_cells_cannot_become_spreadsheet_formulas(client, make_software):
    make_software(slug="sneaky", summary='=HYPERLINK("http://evil")')

    row = _rows(client.get("/tools/export.csv"))[0]

    assert row["summary"] == '\'=HYPERLINK("http://evil")'


@time_machine.travel("2026-03-04T10:00:00Z")
def test_full_export_is_a_dated_zip_of_every_table(client, make_benchmark, make_build):
    make_benchmark(slug="b1")
    make_build(slug="pair")

    response = client.get("/api/v1/export.zip")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="runlocalai-data-2026-03-04.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as bundle:
        names = set(bundle.namelist())
        data = json.loads(bundle.read("runlocalai-data.json"))
        readme = bundle.read("README.txt").decode()
    assert names == {
        "README.txt",
        "runlocalai-data.json",
        "models.csv",
        "hardware.csv",
        "builds.csv",
        "software.csv",
        "benchmarks.csv",
    }
    assert data["exported"] == "2026-03-04"
    assert [row["slug"] for row in data["benchmarks"]] == ["b1"]
    assert [row["slug"] for row in data["builds"]] == ["pair"]
    assert "CC BY 4.0" in readme
    assert "2026-03-04" in readme


@time_machine.travel("2026-03-04T10:00:00Z")
def test_export_data_command_writes_the_same_archive(client, make_model, tmp_path):
    make_model(slug="one")
    stdout = StringIO()

    call_command("export_data", str(tmp_path), stdout=stdout)

    written = Path(stdout.getvalue().strip())
    assert written == tmp_path / "runlocalai-data-2026-03-04.zip"
    assert written.read_bytes() == client.get("/api/v1/export.zip").content


def test_export_data_command_needs_a_directory(db, tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        call_command("export_data", str(tmp_path / "missing"))
