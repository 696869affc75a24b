from .digests import Delivery, DeliveryState, Digest
from .subscribers import ConsentRecord, Subscriber, SubscriberState, UnsubscribeRecord

__all__ = [
    "ConsentRecord",
    "Delivery",
    "DeliveryState",
    "Digest",
    "Subscriber",
    "SubscriberState",
    "UnsubscribeRecord",
]
