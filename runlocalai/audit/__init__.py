"""make audit: Lighthouse, axe, CSP, security headers, check --deploy and pip-audit (bin/audit)."""
