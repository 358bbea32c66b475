"""The language server, `pylint-glorot lsp` (needs the `lsp` extra: pygls)."""
