"""PDF签章 and 验证: stamping PDFs with the key's seal and checking signed PDFs."""
