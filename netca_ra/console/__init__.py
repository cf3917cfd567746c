"""Staff console: server-rendered pages (jinja2), argon2 login, roles, CSRF."""
