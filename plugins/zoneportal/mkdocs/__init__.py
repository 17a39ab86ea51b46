"""The MkDocs host adapter: the plugin, its config, files, page rendering and live preview."""
