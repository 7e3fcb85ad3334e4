"""Request helpers: numbers read from addresses, form bases, error pages, middleware,
the health check."""
