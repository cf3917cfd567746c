"""Where the loopback bridge listens (docs/web-bridge.md): the documented port, then a short
fallback range, on 127.0.0.1 only. Light on purpose: the window imports it at start-up."""

DEFAULT_PORT = 24790
FALLBACK_PORTS = (24791, 24792, 24793, 24794)
WEBSOCKET_PATH = "/bridge"
