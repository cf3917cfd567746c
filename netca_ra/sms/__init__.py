"""SMS gateways: the dev outbox (stored, never sent) and an HTTP provider adapter."""
