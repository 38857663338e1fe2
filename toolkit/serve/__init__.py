"""``toolkit serve``: a resident build service over HTTP, with warm workers shared by every request.

``build_request`` checks a request's body (the article, the formats, a safe subset of the options);
``access`` checks a request's token and size and keeps it inside the service's root and output folder;
``pool`` runs builds in warm worker processes (the batch's), a bounded number at a time; ``app`` is the
Starlette application; ``openapi`` describes it; ``service`` checks the settings, binds the socket and
runs uvicorn. Nothing here prints: the command line (``toolkit.cli.serve``) does.
"""

from toolkit.serve.app import ServiceConfig, make_app
from toolkit.serve.service import address_of, bind, check_config, run_service

__all__ = ["ServiceConfig", "address_of", "bind", "check_config", "make_app", "run_service"]
