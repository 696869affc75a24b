from .ai_models import AIModel, AttentionKind, ModelFile
from .benchmarks import Benchmark, SourceKind, TrustTier
from .hardware import Build, BuildItem, Hardware, HardwareKind, MarketTier
from .offers import AffiliateOffer
from .reference import ModelFamily, Organization, Quantization
from .software import Software, SoftwareKind
from .submissions import BenchmarkSubmission, SubmissionState

__all__ = [
    "AffiliateOffer",
    "AIModel",
    "AttentionKind",
    "Benchmark",
    "BenchmarkSubmission",
    "Build",
    "BuildItem",
    "Hardware",
    "HardwareKind",
    "MarketTier",
    "ModelFamily",
    "ModelFile",
    "Organization",
    "Quantization",
    "Software",
    "SoftwareKind",
    "SubmissionState",
    "SourceKind",
    "TrustTier",
]
