"""
The OpenAPI 3.1 description of the read-only API, served at /api/v1/openapi.json.

Written as plain data next to the code it describes. List filters are read from
the index pages' filter forms, so a filter added to a page appears here (and in
the API) without a second edit; item schemas forbid unlisted properties, so a
serializer field missing here fails the schema tests.
"""

from django import forms

from tools.fit.inputs import KV_CACHE_TYPES, MAX_CONTEXT_TOKENS
from tools.forms import HARDWARE_KINDS, QUANT_CHOICES, RUNTIMES

from ..models.benchmarks import Backend, SourceKind, TrustTier
from ..models.hardware import HardwareKind, MarketTier
from ..models.software import SoftwareKind
from .tables import TABLES

VERSION = "1.0.0"
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def _nullable(schema):
    kind = schema["type"]
    return {**schema, "type": [kind, "null"]} if isinstance(kind, str) else schema


def string(nullable=False, **extra):
    schema = {"type": "string", **extra}
    return _nullable(schema) if nullable else schema


def integer(nullable=False, **extra):
    schema = {"type": "integer", **extra}
    return _nullable(schema) if nullable else schema


def number(nullable=False, **extra):
    schema = {"type": "number", **extra}
    return _nullable(schema) if nullable else schema


def boolean(nullable=False):
    return {"type": ["boolean", "null"]} if nullable else {"type": "boolean"}


def array(items):
    return {"type": "array", "items": items}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable_ref(name):
    return {"anyOf": [ref(name), {"type": "null"}]}


def obj(properties, *, description=None):
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def choices(text_choices, nullable=False):
    values = list(text_choices.values)
    if nullable:
        return {"type": ["string", "null"], "enum": [*values, None]}
    return string(enum=values)


DATE = {"format": "date"}
DATE_TIME = {"format": "date-time"}
URI = {"format": "uri"}

EDITORIAL = {
    "url": string(**URI, description="The item's page on the site."),
    "published_at": string(nullable=True, **DATE_TIME, description="First publication."),
    "reviewed_at": string(nullable=True, **DATE_TIME, description="Last approval."),
    "last_verified": string(nullable=True, **DATE, description="When the facts were last checked."),
    "revision": integer(minimum=0, description="Approved revision number."),
    "sources": array(ref("Source")),
}

SCHEMAS = {
    "Ref": obj({"slug": string(pattern=SLUG_PATTERN), "name": string()}),
    "Source": obj(
        {
            "title": string(),
            "url": string(**URI),
            "publisher": string(nullable=True),
            "accessed": string(nullable=True, **DATE, description="When it was last read."),
        }
    ),
    "ModelFile": obj(
        {
            "quantization": string(),
            "filename": string(nullable=True),
            "size_bytes": integer(nullable=True, minimum=0, description="Exact, when known."),
            "source_url": string(nullable=True),
        }
    ),
    "Model": obj(
        {
            "slug": string(pattern=SLUG_PATTERN),
            "name": string(),
            "variant": string(nullable=True),
            "family": ref("Ref"),
            "organization": ref("Ref"),
            "params_b": number(description="Total parameters, billions."),
            "active_params_b": number(nullable=True, description="Mixture-of-experts only."),
            "layers": integer(nullable=True),
            "attention_heads": integer(nullable=True),
            "kv_heads": integer(nullable=True),
            "head_dim": integer(nullable=True),
            "hidden_size": integer(nullable=True),
            "vocab_size": integer(nullable=True),
            "intermediate_size": integer(nullable=True),
            "sliding_window": integer(nullable=True),
            "sliding_window_layers": integer(nullable=True),
            "attention_kind": string(nullable=True),
            "kv_lora_rank": integer(nullable=True),
            "qk_rope_head_dim": integer(nullable=True),
            "kv_layers": integer(nullable=True),
            "experts_total": integer(nullable=True),
            "experts_active": integer(nullable=True),
            "context_length": integer(nullable=True),
            "modalities": array(string()),
            "outputs": string(),
            "languages": array(string()),
            "license": string(),
            "license_url": string(nullable=True),
            "commercial_use": boolean(nullable=True),
            "release_date": string(nullable=True, **DATE),
            "hf_repo": string(nullable=True),
            "ollama_tag": string(nullable=True),
            "summary": string(),
            "positioning": string(nullable=True),
            "strengths": array(string()),
            "limitations": array(string()),
            "run_locally": string(nullable=True),
            "verdict_score": integer(nullable=True, minimum=0, maximum=10),
            "files": array(ref("ModelFile")),
            **EDITORIAL,
        }
    ),
    "Hardware": obj(
        {
            "slug": string(pattern=SLUG_PATTERN),
            "name": string(),
            "kind": choices(HardwareKind),
            "vendor": ref("Ref"),
            "memory_gb": number(nullable=True, description="Null for CPUs (system RAM)."),
            "memory_configs": string(nullable=True),
            "memory_type": string(nullable=True),
            "unified_memory": boolean(),
            "bandwidth_gbs": number(nullable=True),
            "fp16_tflops": number(nullable=True),
            "fp32_tflops": number(nullable=True),
            "tdp_w": integer(nullable=True),
            "release_date": string(nullable=True, **DATE),
            "msrp_usd": number(nullable=True),
            "street_price_low_usd": number(nullable=True),
            "street_price_high_usd": number(nullable=True),
            "street_price_seen": string(nullable=True, **DATE),
            "market_tier": choices(MarketTier, nullable=True),
            "form_factor": string(nullable=True),
            "backends": array(string()),
            "best_for": string(nullable=True),
            "summary": string(),
            "strengths": array(string()),
            "weaknesses": array(string()),
            "verdict_score": integer(nullable=True, minimum=0, maximum=10),
            **EDITORIAL,
        }
    ),
    "BuildItem": obj({"hardware": ref("Ref"), "count": integer(minimum=1)}),
    "Build": obj(
        {
            "slug": string(pattern=SLUG_PATTERN),
            "name": string(),
            "aliases": array(string()),
            "items": array(ref("BuildItem")),
            "system_ram_gb": integer(nullable=True),
            "price_usd": number(nullable=True),
            "summary": string(),
            **EDITORIAL,
        }
    ),
    "Software": obj(
        {
            "slug": string(pattern=SLUG_PATTERN),
            "name": string(),
            "kind": choices(SoftwareKind),
            "organization": nullable_ref("Ref"),
            "license": string(nullable=True),
            "open_source": boolean(nullable=True),
            "pricing": string(nullable=True),
            "platforms": array(string()),
            "backends": array(string()),
            "model_formats": array(string()),
            "install": {
                "type": "object",
                "additionalProperties": string(),
                "description": "Platform → install command.",
            },
            "run_example": string(nullable=True),
            "repository": string(nullable=True),
            "website": string(nullable=True),
            "stars": integer(nullable=True),
            "stars_date": string(nullable=True, **DATE),
            "summary": string(),
            "strengths": array(string()),
            "weaknesses": array(string()),
            "verdict_score": integer(nullable=True, minimum=0, maximum=10),
            **EDITORIAL,
        }
    ),
    "Benchmark": obj(
        {
            "slug": string(pattern=SLUG_PATTERN),
            "model": ref("Ref"),
            "quantization": ref("Ref"),
            "model_file_gib": number(nullable=True),
            "hardware": nullable_ref("Ref"),
            "build": nullable_ref("Ref"),
            "software": nullable_ref("Ref"),
            "software_version": string(nullable=True),
            "backend": choices(Backend),
            "setup": string(nullable=True),
            "test": string(description="What was measured, e.g. pp512 or tg128."),
            "context": integer(nullable=True),
            "prompt_tokens": integer(nullable=True),
            "generated_tokens": integer(nullable=True),
            "decode_tokens_per_s": number(nullable=True),
            "prefill_tokens_per_s": number(nullable=True),
            "time_to_first_token_ms": integer(nullable=True),
            "vram_used_gb": number(nullable=True, description="GiB."),
            "ram_used_gb": number(nullable=True, description="GiB."),
            "power_w": integer(nullable=True),
            "offloaded": boolean(),
            "run_date": string(nullable=True, **DATE),
            "run_date_note": string(nullable=True),
            "command": string(nullable=True),
            "source_url": string(**URI),
            "source_kind": choices(SourceKind),
            "trust_tier": choices(TrustTier),
            "notes": string(nullable=True),
            **EDITORIAL,
        },
        description="Exactly one of hardware and build is set.",
    ),
    "Error": {
        "type": "object",
        "properties": {
            "error": string(),
            "fields": {
                "type": "object",
                "additionalProperties": array(string()),
                "description": "Parameter name → what is wrong with it.",
            },
        },
        "required": ["error"],
    },
    "Range": obj({"low": number(), "expected": number(), "high": number()}),
    "WillItRun": {
        "type": "object",
        "properties": {
            "model": string(),
            "hardware": string(),
            "quant": string(),
            "context": integer(),
            "runtime": string(),
            "verdict": string(enum=["runs comfortably", "runs with trade-offs", "won't run"]),
            "placement": string(),
            "gpu_layers": integer(),
            "total_layers": integer(),
            "cpu_moe_layers": integer(),
            "memory": {
                "type": "object",
                "description": "Each part in GB (1e9 bytes, `*_gb`) and exact bytes (`*_bytes`).",
                "properties": {"total_gb": number(), "usable_gb": number(), "unit": string()},
                "required": ["total_gb", "usable_gb"],
            },
            "decode_tokens_per_s": nullable_ref("Range"),
            "prefill_tokens_per_s": nullable_ref("Range"),
            "ttft_s": nullable_ref("Range"),
            "max_context": integer(nullable=True),
            "best_quant": string(nullable=True),
            "evidence": string(),
            "device_class": string(),
            "assumptions": array(string()),
            "unknowns": array(string()),
            "reasons": array(string()),
            "commands": {"type": "object", "additionalProperties": string()},
        },
        "required": ["model", "hardware", "verdict", "memory", "evidence"],
    },
}

for _table in TABLES.values():
    SCHEMAS[f"{_table.schema}Page"] = obj(
        {
            "count": integer(minimum=0, description="Rows matching the filters."),
            "page": integer(minimum=1),
            "page_size": integer(minimum=1, maximum=MAX_PAGE_SIZE),
            "num_pages": integer(minimum=1),
            "next": string(nullable=True, **URI),
            "previous": string(nullable=True, **URI),
            "results": array(ref(_table.schema)),
        }
    )


def _field_schema(field):
    if isinstance(field, forms.ChoiceField) and field.choices:
        return string(enum=[value for value, _ in field.choices if value])
    if isinstance(field, forms.ChoiceField):
        return string(pattern=SLUG_PATTERN, maxLength=120)
    # DecimalField is a subclass of IntegerField: test it first.
    if isinstance(field, forms.DecimalField):
        schema = number()
    elif isinstance(field, forms.IntegerField):
        schema = integer()
    else:
        schema = string()
    for key, attribute in (("minimum", "min_value"), ("maximum", "max_value")):
        value = getattr(field, attribute, None)
        if value is not None:
            schema[key] = int(value) if float(value).is_integer() else float(value)
    if getattr(field, "max_length", None):
        schema |= {"maxLength": field.max_length, "pattern": "^[^\\u0000]*$"}
    return schema


EMPTY = {"type": "string", "maxLength": 0}


def or_empty(schema):
    # Index pages send empty fields for "any" (?q=&size=); the API takes their query strings.
    return {"anyOf": [schema, EMPTY]}


def filter_parameters(form_class):
    """Query parameters for a list endpoint, from the index page's filter form."""
    parameters = []
    for name, field in form_class.base_fields.items():
        description = str(field.label or name.replace("_", " ").capitalize())
        if isinstance(field, forms.ChoiceField) and not field.choices:
            description += " (a slug; an unknown one is a 400)"
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": or_empty(_field_schema(field)),
            }
        )
    return parameters


def _response(description, schema=None, headers=True):
    response = {"description": description}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    if headers:
        response["headers"] = {
            "ETag": {"$ref": "#/components/headers/ETag"},
            "Cache-Control": {"$ref": "#/components/headers/Cache-Control"},
            "Access-Control-Allow-Origin": {"$ref": "#/components/headers/CORS"},
        }
    return response


COMMON_RESPONSES = {
    "304": {"$ref": "#/components/responses/NotModified"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
}
EXAMPLE_SLUGS = {
    "models": "llama-3-1-8b",
    "hardware": "nvidia-geforce-rtx-3090",
    "builds": "dual-rtx-3090",
    "software": "llama-cpp",
    "benchmarks": None,
}


def _table_paths(table):
    slug = {
        "name": "slug",
        "in": "path",
        "required": True,
        "description": "The item's slug, as in its page's URL.",
        "schema": string(pattern=SLUG_PATTERN, maxLength=120),
    }
    if EXAMPLE_SLUGS[table.name]:
        slug["example"] = EXAMPLE_SLUGS[table.name]
    return {
        f"/api/v1/{table.name}": {
            "get": {
                "operationId": f"list_{table.name}",
                "tags": ["catalog"],
                "summary": f"{table.title}: published rows, filtered and paginated",
                "parameters": [
                    {"$ref": "#/components/parameters/page"},
                    {"$ref": "#/components/parameters/page_size"},
                    *filter_parameters(table.form_class),
                ],
                "responses": {
                    "200": _response("One page of results.", ref(f"{table.schema}Page")),
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "404": {"$ref": "#/components/responses/NotFound"},
                    **COMMON_RESPONSES,
                },
            }
        },
        f"/api/v1/{table.name}/{{slug}}": {
            "get": {
                "operationId": f"get_{table.schema.lower()}",
                "tags": ["catalog"],
                "summary": f"{table.title}: one published item, by slug",
                "parameters": [slug],
                "responses": {
                    "200": _response("The item.", ref(table.schema)),
                    "404": {"$ref": "#/components/responses/NotFound"},
                    **COMMON_RESPONSES,
                },
            }
        },
    }


def _choice_values(grouped):
    values = []
    for value, label in grouped:
        values += [v for v, _ in label] if isinstance(label, list | tuple) else [value]
    return values


WILL_IT_RUN_PARAMETERS = [
    ("model", True, string(pattern=SLUG_PATTERN, maxLength=120), "A model slug."),
    (
        "hardware",
        True,
        string(maxLength=130),
        "A hardware or build slug, `hw:<slug>`, `build:<slug>` or `custom`.",
    ),
    ("quant", False, string(enum=_choice_values(QUANT_CHOICES)), "Default Q4_K_M."),
    ("context", False, integer(minimum=256, maximum=MAX_CONTEXT_TOKENS), "Default 8192."),
    ("kv_cache_type", False, string(enum=list(KV_CACHE_TYPES)), "Default f16."),
    ("runtime", False, string(enum=[value for value, _ in RUNTIMES]), "Default llama.cpp."),
    ("count", False, integer(minimum=1, maximum=16), "How many of this GPU; default 1."),
    ("system_ram_gb", False, integer(minimum=1, maximum=4096), "RAM for offload."),
    ("system_ram_bandwidth_gbs", False, number(minimum=1, maximum=2000), "GB/s."),
    ("custom_kind", False, string(enum=[value for value, _ in HARDWARE_KINDS]), "Custom only."),
    ("custom_memory_gb", False, number(minimum=1, maximum=4096), "Custom only."),
    ("custom_bandwidth_gbs", False, number(minimum=1, maximum=100_000), "Custom only."),
    ("custom_fp16_tflops", False, number(minimum=0.1, maximum=100_000), "Custom only."),
]


def _will_it_run_path():
    parameters = [
        {"name": name, "in": "query", "required": required, "schema": schema, "description": text}
        for name, required, schema, text in WILL_IT_RUN_PARAMETERS
    ]
    parameters[0]["example"] = "llama-3-1-8b"
    parameters[1]["example"] = "nvidia-geforce-rtx-3090"
    return {
        "/api/v1/will-it-run": {
            "get": {
                "operationId": "will_it_run",
                "tags": ["fit engine"],
                "summary": "The fit engine: will this model run on this hardware, and how well?",
                "description": "The same engine and inputs as the /will-it-run/ checker page. "
                "Parameters it does not know are ignored.",
                "parameters": parameters,
                "responses": {
                    "200": _response("The engine's verdict and estimates.", ref("WillItRun")),
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    **COMMON_RESPONSES,
                },
            }
        }
    }


def description():
    paths = {}
    for table in TABLES.values():
        paths |= _table_paths(table)
    paths |= _will_it_run_path()
    paths["/api/v1/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "tags": ["meta"],
            "summary": "This description",
            "responses": {
                "200": _response("OpenAPI 3.1 description.", {"type": "object"}),
                **COMMON_RESPONSES,
            },
        }
    }
    paths["/api/v1/export.zip"] = {
        "get": {
            "operationId": "export",
            "tags": ["meta"],
            "summary": "Every published table as CSV and JSON, in one dated zip",
            "responses": {
                "200": {
                    "description": "runlocalai-data-YYYY-MM-DD.zip",
                    "content": {"application/zip": {"schema": string(format="binary")}},
                },
                **COMMON_RESPONSES,
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RunLocalAI open data API",
            "version": VERSION,
            "summary": "Read-only published catalog data and the fit engine.",
            "description": "Only reviewed, published content. Human-readable docs: /api/. "
            "Data licence: CC BY 4.0 (attribute RunLocalAI and link the item's page); "
            "third-party figures keep the terms of their cited sources.",
            "license": LICENCE,
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "parameters": {
                "page": {
                    "name": "page",
                    "in": "query",
                    "required": False,
                    "description": "1-based page number.",
                    "schema": or_empty(integer(minimum=1, maximum=MAX_PAGE, default=1)),
                },
                "page_size": {
                    "name": "page_size",
                    "in": "query",
                    "required": False,
                    "description": "Rows per page.",
                    "schema": or_empty(
                        integer(minimum=1, maximum=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE)
                    ),
                },
            },
            "headers": {
                "ETag": {
                    "description": "Send it back in If-None-Match to get a 304.",
                    "schema": string(),
                },
                "Cache-Control": {"schema": string()},
                "CORS": {"schema": string(enum=["*"])},
                "Retry-After": {"description": "Seconds.", "schema": string()},
            },
            "responses": {
                "BadRequest": _response(
                    "An unknown parameter or an invalid value; `fields` says which.", ref("Error")
                ),
                "NotFound": _response("No published item (or page) by that name.", ref("Error")),
                "NotModified": {"description": "Unchanged since the ETag in If-None-Match."},
                "TooManyRequests": {
                    "description": "Over the per-address rate limit.",
                    "headers": {"Retry-After": {"$ref": "#/components/headers/Retry-After"}},
                    "content": {"application/json": {"schema": ref("Error")}},
                },
            },
        },
    }
