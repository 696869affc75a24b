"""schema.org JSON-LD for catalog pages, as plain dicts (rendered by the jsonld tag)."""

from django.conf import settings


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def breadcrumb_list(crumbs):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": label, "item": absolute(url)}
            for position, (label, url) in enumerate([("Home", "/"), *crumbs], start=1)
        ],
    }


def _date(value):
    return value.isoformat() if value else None


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def product(item, offers):
    """Product for a device or build, with AggregateOffer/Offer when prices are known."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.name,
        "description": item.summary,
        "url": absolute(item.get_absolute_url()),
    }
    vendor = getattr(item, "vendor", None)
    if vendor is not None:
        data["brand"] = {"@type": "Brand", "name": vendor.name}
    if offers:
        data["offers"] = [
            _clean(
                {
                    "@type": "Offer",
                    "price": f"{offer.price:.2f}",
                    "priceCurrency": offer.currency,
                    "url": offer.url,
                    "seller": {"@type": "Organization", "name": offer.retailer},
                    "priceValidUntil": None,
                    "availability": "https://schema.org/InStock",
                }
            )
            for offer in offers
        ]
    elif getattr(item, "street_price_low_usd", None) and item.street_price_seen:
        data["offers"] = _clean(
            {
                "@type": "AggregateOffer",
                "lowPrice": f"{item.street_price_low_usd:.2f}",
                "highPrice": f"{(item.street_price_high_usd or item.street_price_low_usd):.2f}",
                "priceCurrency": "USD",
            }
        )
    return _clean(data)


def software_application(software):
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "SoftwareApplication",
            "name": software.name,
            "description": software.summary,
            "url": absolute(software.get_absolute_url()),
            "applicationCategory": "DeveloperApplication",
            "operatingSystem": ", ".join(software.platforms) or None,
            "license": software.license or None,
            "sameAs": [url for url in (software.repository, software.website) if url] or None,
            "offers": {"@type": "Offer", "price": "0", "priceCurrency": "USD"}
            if software.open_source
            else None,
        }
    )


def benchmark_dataset(benchmark):
    """A Dataset whose variables are the measured speeds (schema.org has no Benchmark type)."""
    measured = []
    if benchmark.decode_tokens_per_s is not None:
        measured.append(("decode speed", benchmark.decode_tokens_per_s))
    if benchmark.prefill_tokens_per_s is not None:
        measured.append(("prompt processing speed", benchmark.prefill_tokens_per_s))
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": str(benchmark),
            "description": (
                f"Measured inference speed of {benchmark.model} ({benchmark.quantization}) on "
                f"{benchmark.device} with {benchmark.software or 'an unnamed runtime'}."
            ),
            "url": absolute(benchmark.get_absolute_url()),
            "isBasedOn": benchmark.source_url,
            "temporalCoverage": _date(benchmark.run_date),
            "creativeWorkStatus": benchmark.get_trust_tier_display(),
            "variableMeasured": [
                {
                    "@type": "PropertyValue",
                    "name": name,
                    "value": float(value),
                    "unitText": "tokens per second",
                }
                for name, value in measured
            ],
        }
    )


def ai_model(model):
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "SoftwareSourceCode",
            "name": model.name,
            "description": model.summary,
            "url": absolute(model.get_absolute_url()),
            "license": model.license_url or model.license,
            "codeRepository": f"https://huggingface.co/{model.hf_repo}" if model.hf_repo else None,
            "dateCreated": _date(model.release_date),
            "author": {"@type": "Organization", "name": model.organization.name},
        }
    )
