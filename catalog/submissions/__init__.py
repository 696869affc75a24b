"""Reader benchmark submissions: log parsing, plausibility checks, the form and intake."""
