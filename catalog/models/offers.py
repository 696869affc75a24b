import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from editorial.models import Publishable, PublishableQuerySet

from .hardware import Build, Hardware


class AffiliateOfferQuerySet(PublishableQuerySet):
    def for_device(self, device):
        """Published offers for a Hardware or a Build, cheapest first."""
        field = "build" if isinstance(device, Build) else "hardware"
        return self.published().filter(**{field: device}).order_by("price", "retailer")


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class AffiliateOffer(Publishable):
    """
    A retailer's price for a device or build, shown under the affiliate disclosure.

    Offers are reviewed like any other content: a link that earns money is an
    editorial claim. They never feed verdicts or scores.
    """

    slug = models.SlugField(unique=True, max_length=120)
    hardware = models.ForeignKey(
        Hardware, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    build = models.ForeignKey(
        Build, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    retailer = models.CharField(max_length=120)
    url = models.URLField("URL", max_length=500)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    currency = models.CharField(max_length=3, default="USD", help_text="ISO 4217 code.")
    seen = models.DateField("price seen on")
    condition = models.CharField(
        max_length=40, blank=True, help_text="E.g. new, used, refurbished."
    )

    objects = AffiliateOfferQuerySet.as_manager()

    REVIEW_CADENCE_DAYS = 30

    class Meta(Publishable.Meta):
        ordering = ["price"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hardware__isnull=False, build__isnull=True)
                | models.Q(hardware__isnull=True, build__isnull=False),
                name="offer_for_hardware_or_build",
            ),
        ]

    def __str__(self):
        return f"{self.device} at {self.retailer}"

    def get_absolute_url(self):
        return self.device.get_absolute_url()

    def natural_key(self):
        return (self.slug,)

    @property
    def device(self):
        return self.hardware or self.build

    def clean(self):
        if bool(self.hardware_id) == bool(self.build_id):
            raise ValidationError({"hardware": "Choose either one device or a build."})
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValidationError({"currency": "Use a three-letter ISO code such as USD."})
