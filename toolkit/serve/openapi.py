"""The OpenAPI 3.1 description of the service, served at ``GET /openapi.json``.

Written out by hand from what ``app`` and ``build_request`` accept, so it says exactly what a request
may contain (the safe options, the three ways to send an article) and every answer's shape.
"""

from __future__ import annotations

from typing import Any

from toolkit.options import PDF_ENGINES
from toolkit.serve.build_request import DEFAULT_FILENAME, DEFAULT_FORMATS, SAFE_OPTIONS

_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", dict: "object"}

_ERROR = {"description": "An error: the command line's message and exit code.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _options_schema() -> dict[str, Any]:
    props: dict[str, Any] = {name: {"type": _JSON_TYPES[kind]} for name, kind in SAFE_OPTIONS.items()}
    props["paper"]["enum"] = ["a4", "letter", "a5", "trade"]
    props["notes"]["enum"] = ["foot", "end"]
    props["columns"]["enum"] = [1, 2]
    props["missing_images"]["enum"] = ["note", "drop"]
    props["pdf_engine"]["enum"] = list(PDF_ENGINES)
    props["meta"] = {"type": "object", "description": "Metadata over the article's: author, title, date, "
                     "language, publisher, rights, identifier, url, tags, ...",
                     "additionalProperties": {"oneOf": [{"type": "string"},
                                                        {"type": "array", "items": {"type": "string"}}]}}
    props["allow_network"]["description"] = "Only when the service was started with --allow-network."
    props["source_date_epoch"]["description"] = "The editions' date in seconds (reproducible files)."
    return {"type": "object", "additionalProperties": False, "properties": props,
            "description": "Edition options; style sheets and other server files cannot be named."}


def _build_request_schema() -> dict[str, Any]:
    return {
        "type": "object", "additionalProperties": False,
        "description": "Exactly one of text, data, path.",
        "properties": {
            "text": {"type": "string", "description": "The article itself."},
            "data": {"type": "string", "contentEncoding": "base64",
                     "description": "The article's bytes (DOCX, ODT, EPUB, ...)."},
            "path": {"type": "string", "description": "A file inside the service's --root, relative to it."},
            "filename": {"type": "string", "default": DEFAULT_FILENAME,
                         "description": "The sent article's file name; its extension picks the reader."},
            "sidecar": {"type": "string", "description": "The text of the article's NAME.meta.yaml."},
            "mtime": {"type": "integer", "description": "The article file's time (the EPUB's date, as locally)."},
            "from": {"type": "string", "description": "The reader, as --from."},
            "formats": {"type": "array", "items": {"type": "string"}, "default": list(DEFAULT_FORMATS)},
            "name": {"type": "string", "description": "The editions' file name without extension."},
            "output": {"type": "string", "description": "A folder inside the service's --output-dir: the "
                       "editions are written there and the answer lists them, instead of a zip."},
            "options": {"$ref": "#/components/schemas/Options"},
        }}


def describe_service() -> dict[str, Any]:
    """The OpenAPI document as a JSON-ready dict."""
    from toolkit.version import __version__

    errors = {str(code): _ERROR for code in (400, 401, 403, 404, 413, 422, 500, 504)}
    busy = dict(_ERROR, description="Busy: every worker and queue place is taken; retry after Retry-After seconds.",
                headers={"Retry-After": {"schema": {"type": "integer"}}})
    return {
        "openapi": "3.1.0",
        "info": {"title": "toolkit build service", "version": __version__,
                 "description": "Builds print PDF, EPUB and annotated HTML editions of an article in warm "
                                "workers (`toolkit serve`)."},
        "security": [{"bearer": []}],
        "paths": {
            "/build": {"post": {
                "summary": "Build the editions of one article",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BuildRequest"}}}},
                "responses": {
                    "200": {"description": "A zip of the editions; with 'output', the files written.",
                            "headers": {"X-Toolkit-Warnings": {"description": "The build's warnings (JSON list).",
                                                               "schema": {"type": "string"}}},
                            "content": {"application/zip": {"schema": {"type": "string",
                                                                       "contentEncoding": "binary"}},
                                        "application/json": {"schema": {"$ref": "#/components/schemas/Written"}}}},
                    "503": busy, **errors}}},
            "/health": {"get": {"summary": "Whether the service is up, and its counts", "security": [],
                                "responses": {"200": {"description": "Up.", "content": {"application/json": {
                                    "schema": {"type": "object"}}}}}}},
            "/formats": {"get": {"summary": "The readers and writers this service has",
                                 "responses": {"200": {"description": "Readers and writers.", "content": {
                                     "application/json": {"schema": {"type": "object"}}}}, "401": _ERROR}}},
            "/openapi.json": {"get": {"summary": "This description",
                                      "responses": {"200": {"description": "OpenAPI 3.1."}, "401": _ERROR}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "Required when the service was given a token."}},
            "schemas": {
                "BuildRequest": _build_request_schema(),
                "Options": _options_schema(),
                "Written": {"type": "object", "properties": {
                    "outputs": {"type": "array", "items": {"type": "string"}},
                    "warnings": {"type": "array", "items": {"type": "string"}}}},
                "Error": {"type": "object", "required": ["error", "code"], "properties": {
                    "error": {"type": "string", "description": "One line, as the command line prints it."},
                    "code": {"type": "integer", "description": "The command line's exit code."}}},
            }},
    }
