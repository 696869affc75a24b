from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from editorial.views import PUBLIC_CACHE, with_byline_and_sources

from . import ratelimit
from .forms import SubscribeForm
from .models import ConsentRecord, Digest, Subscriber, UnsubscribeRecord
from .tokens import read_confirmation_token

THANKS = (
    "Almost done: we sent a confirmation link to that address (check spam too). "
    "Nothing is mailed until you confirm."
)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@never_cache
def subscribe(request):
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        within_limit = ratelimit.hit(
            "signup:" + ratelimit.client_ip(request),
            limit=settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR,
            window_seconds=3600,
        )
        if not within_limit:
            form.add_error(None, "Too many signups from your network this hour. Try again later.")
            # htmx 2 does not swap error statuses, so it gets the message with a 200.
            status = 200 if request.htmx else 429
        elif form.is_valid():
            # The same answer whatever the address's state, and for bots too.
            if not form.is_bot:
                Subscriber.sign_up(
                    form.cleaned_data["email"], page=form.cleaned_data["page"] or request.path
                )
            if request.htmx:
                return render(request, "newsletter/subscribe.html#thanks", {"thanks": THANKS})
            messages.success(request, THANKS)
            return redirect("newsletter:subscribe")
    else:
        form = SubscribeForm(initial={"page": request.GET.get("from") or request.path})

    template_name = "newsletter/subscribe.html"
    if request.htmx and not request.htmx.boosted:
        template_name += "#form"
    return render(request, template_name, {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def confirm(request, token):
    consent_id = read_confirmation_token(token)
    with transaction.atomic():
        record = (
            ConsentRecord.objects.select_related("subscriber")
            .select_for_update(of=("self",))
            .filter(pk=consent_id, confirmed_at__isnull=True)
            .first()
        )
        if record is None:
            # Forged, expired or already used: one neutral answer for all three.
            return render(request, "newsletter/confirm.html", {"state": "invalid"})
        # GET only asks: mail scanners follow links, and must not subscribe anyone.
        if request.method == "GET":
            return render(request, "newsletter/confirm.html", {"state": "ask", "token": token})
        record.subscriber.confirm(record)
    return render(request, "newsletter/confirm.html", {"state": "confirmed"})


# The key in the URL authenticates the request; RFC 8058 one-click POSTs from
# mail providers carry no cookies and so no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, key):
    subscriber = get_object_or_404(Subscriber, unsubscribe_key=key)
    if request.method == "GET":
        return render(request, "newsletter/unsubscribe.html", {"key": key, "done": False})
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    method = UnsubscribeRecord.Method.ONE_CLICK if one_click else UnsubscribeRecord.Method.PAGE
    subscriber.unsubscribe(method=method)
    return render(request, "newsletter/unsubscribe.html", {"done": True})


@require_GET
@cache_control(**PUBLIC_CACHE)
def digest_list(request):
    digests = Digest.objects.published().only("subject", "slug", "intro", "send_started_at")
    page = Paginator(digests.order_by("-send_started_at"), per_page=24).get_page(
        request.GET.get("page")
    )
    return render(request, "newsletter/digest_list.html", {"page": page})


@require_GET
@cache_control(**PUBLIC_CACHE)
def digest_detail(request, slug):
    # The admin's preview shows an approved issue before it is sent.
    digests = (
        Digest.objects.approved()
        if getattr(request, "editorial_preview", None)
        else (Digest.objects.published())
    )
    digest = get_object_or_404(with_byline_and_sources(digests), slug=slug)
    return render(request, "newsletter/digest_detail.html", {"digest": digest})
