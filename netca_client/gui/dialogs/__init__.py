"""Dialogs: PIN entry, PIN change, locked key."""
