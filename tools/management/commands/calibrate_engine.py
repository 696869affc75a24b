from django.core.management.base import BaseCommand

from tools import accuracy
from tools.fit import calibration


class Command(BaseCommand):
    help = (
        "Report the fit engine's error against the shipped benchmark measurements; with "
        "--refit, also fit new speed constants to paste into tools/fit/constants.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--refit", action="store_true", help="Also print refitted constants.")

    def handle(self, *args, refit, **options):
        rows = accuracy.calibration_rows()
        self.stdout.write(f"{len(rows)} measured rows\n")
        self.stdout.write(calibration.format_report(calibration.calibration_report(rows)))
        if refit:
            fitted = calibration.refit_constants(rows)
            self.stdout.write("\nRefitted constants (review, then paste into constants.py):")
            for name, value in fitted.decode.items():
                self.stdout.write(f"DECODE[{name!r}] = {value}")
            for name, value in fitted.prefill.items():
                self.stdout.write(f"PREFILL[{name!r}] = {value}")
            for key, value in fitted.quant_factor.items():
                self.stdout.write(f"QUANT_FACTOR[{key!r}] = {value:.3f}")
            self.stdout.write(f"MULTI_DEVICE_HOP_SECONDS = {fitted.multi_device_hop_seconds:.6f}")
