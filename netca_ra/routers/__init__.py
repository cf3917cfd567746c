"""HTTP routers, one module per resource; they translate HTTP to service calls and back."""
