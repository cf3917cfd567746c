"""The loopback bridge: web pages the user allows use the key through the running client
(docs/web-bridge.md). A front end like cli and gui: Qt-free, the GUI supplies the dialogs."""
