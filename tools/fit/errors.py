"""The one exception the fit engine raises for bad input."""


class FitInputError(ValueError):
    """An input is missing, out of range or inconsistent; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
