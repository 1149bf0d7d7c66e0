import importlib

from flask import Flask, abort, jsonify, request

from exporters import csv_exporter, pdf_exporter

app = Flask(__name__)
EXPORTERS = {"csv": csv_exporter, "pdf": pdf_exporter}
ALLOWED_PLUGINS = {"stats", "search"}


@app.route("/export")
def export():
    # ruleid: module-or-attribute-from-request
    exporter = importlib.import_module("exporters." + request.args["format"])
    return exporter.run()


@app.route("/plugin", methods=["POST"])
def run_plugin():
    name = request.json["plugin"]
    # ruleid: module-or-attribute-from-request
    plugin = __import__(f"plugins.{name}", fromlist=["main"])
    return jsonify(plugin.main())


class Api:
    def dispatch(self, request):
        # ruleid: module-or-attribute-from-request
        handler = getattr(self, request.GET["action"])
        return handler()


def django_loader(request):
    module_path = request.POST.get("backend")
    # ruleid: module-or-attribute-from-request
    return importlib.import_module(module_path).Backend()


@app.route("/safe-export")
def safe_export():
    exporter = EXPORTERS.get(request.args.get("format", ""))
    if exporter is None:
        abort(400)
    # ok: module-or-attribute-from-request
    return exporter.run()


@app.route("/safe-plugin")
def safe_plugin():
    name = request.args.get("plugin", "")
    if name not in ALLOWED_PLUGINS:
        abort(404)
    # ok: module-or-attribute-from-request
    return jsonify(importlib.import_module(f"plugins.{name}").main())


def load_backend(settings):
    # ok: module-or-attribute-from-request
    return importlib.import_module(settings.BACKEND)


def field_value(obj, field):
    # ok: module-or-attribute-from-request
    return getattr(obj, field, None)
