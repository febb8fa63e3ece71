"""Indicators and pledges as open data: the API's JSON and schema.org JSON-LD."""

import json

from django.urls import reverse

from chenbao.figures import selectors
from chenbao.figures.status import STATUS_LABELS

# A pledge's status on PolitiFact-like scales, 1 (worst) to 5 (best), for ClaimReview.
RATINGS = {"broken": 1, "stalled": 2, "partly_kept": 3, "in_progress": 3, "kept": 5, "exceeded": 5}


def _number(value):
    return int(value) if value == value.to_integral_value() else float(value)


def indicator_data(request, indicator) -> dict:
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "place": indicator.place,
        "unit": indicator.unit,
        "url": request.build_absolute_uri(reverse("figures:indicator", args=[indicator.slug])),
        "csv": request.build_absolute_uri(reverse("figures:indicator_csv", args=[indicator.slug])),
    }


def point_data(request, point) -> dict:
    f = point.figure
    return {
        "date": point.date.isoformat(),
        "text": f.text,
        "value": _number(f.value),
        "unit": f.unit,
        "kind": f.kind,
        "qualifier": f.qualifier,
        "period": f.period,
        "story": f.story.title,
        "url": request.build_absolute_uri(f.story.url),
    }


def pledge_data(request, pledge, today) -> dict:
    proposal = selectors.pledge_proposal(pledge, today)
    return {
        "id": pledge.pk,
        "title": pledge.title,
        "owner": pledge.owner,
        "place": pledge.place,
        "deadline": pledge.deadline.isoformat() if pledge.deadline else None,
        "target": _number(pledge.target_value) if pledge.target_value is not None else None,
        "unit": pledge.unit,
        "status": pledge.status,
        "status_label": STATUS_LABELS[pledge.status],
        "progress": proposal.progress,
        "indicator": pledge.indicator.slug if pledge.indicator else None,
        "url": request.build_absolute_uri(reverse("figures:pledge", args=[pledge.pk])),
    }


def dataset_ld(request, indicator) -> dict:
    url = request.build_absolute_uri(reverse("figures:indicator", args=[indicator.slug]))
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": str(indicator),
        "description": indicator.description or f"{indicator.place}{indicator.name}的历次报道数据",
        "url": url,
        "spatialCoverage": indicator.place,
        "variableMeasured": indicator.name,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": request.build_absolute_uri(
                    reverse("figures:indicator_csv", args=[indicator.slug])
                ),
            }
        ],
    }


def claim_review_ld(request, pledge, events) -> dict | None:
    """ClaimReview once the desk rated the pledge (not for 未评估)."""
    rating = RATINGS.get(pledge.status)
    if rating is None:
        return None
    last = [e for e, _f in events if e.status == pledge.status][-1:]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(reverse("figures:pledge", args=[pledge.pk])),
        "claimReviewed": pledge.title,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": pledge.owner},
        },
        "datePublished": last[0].at.date().isoformat() if last else None,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": STATUS_LABELS[pledge.status],
        },
    }


def ld_json(data: dict | None) -> str:
    """JSON-LD safe inside <script>: a pledge titled '</script>…' cannot end the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
