"""Wizards that take a key through a workflow with the RA: activation, unlock, provisioning."""
