from .benchmarks import benchmark_detail, benchmark_list
from .compare import compare_hardware, compare_index
from .hardware import hardware_detail, hardware_leaderboard, hardware_list
from .models import model_detail, model_list
from .software import compatibility_matrix, software_detail, software_list

__all__ = [
    "benchmark_detail",
    "benchmark_list",
    "compare_hardware",
    "compare_index",
    "compatibility_matrix",
    "hardware_detail",
    "hardware_leaderboard",
    "hardware_list",
    "model_detail",
    "model_list",
    "software_detail",
    "software_list",
]
