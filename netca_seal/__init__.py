"""Seal format shared by client and RA: GB/T 38540 SES_Seal, checks, seal art."""
