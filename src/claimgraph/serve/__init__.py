"""serve: the faces — CLI, web pages, HTTP API, reports, exports. Thin: they call workflow and store."""
