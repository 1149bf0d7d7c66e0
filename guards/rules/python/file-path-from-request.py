import os
import shutil
from pathlib import Path

from django.http import FileResponse, JsonResponse
from flask import Flask, abort, jsonify, request, send_file, send_from_directory
from werkzeug.utils import safe_join, secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/app/uploads"
BASE = Path(UPLOAD_DIR).resolve()


@app.route("/download")
def download():
    # ruleid: file-path-from-request
    return send_file(os.path.join(UPLOAD_DIR, request.args["name"]))


@app.route("/notes/<int:note_id>")
def read_note(note_id):
    filename = request.args.get("file", "default.txt")
    path = os.path.join(UPLOAD_DIR, filename)
    # ruleid: file-path-from-request
    with open(path) as fh:
        body = fh.read()
    return jsonify(id=note_id, body=body)


@app.route("/logs", methods=["POST"])
def append_log():
    data = request.get_json()
    # ruleid: file-path-from-request
    log = open(f"/var/log/app/{data['service']}.log", "a")
    log.write(data["line"] + "\n")
    log.close()
    return "", 204


@app.route("/preview")
def preview():
    name = request.args["template"]
    # ruleid: file-path-from-request
    return open(os.path.join("templates", name)).read()


@app.route("/delete", methods=["POST"])
def delete_upload():
    # ruleid: file-path-from-request
    os.remove(os.path.join(UPLOAD_DIR, request.form["filename"]))
    return "", 204


@app.route("/static-files")
def static_files():
    # ruleid: file-path-from-request
    return send_from_directory(request.args.get("dir"), "index.html")


def django_download(request):
    doc = request.GET.get("doc")
    # ruleid: file-path-from-request
    return FileResponse(open(os.path.join(UPLOAD_DIR, doc), "rb"))


@app.route("/thumbnails", methods=["DELETE"])
def delete_thumbnail():
    path = request.args.get("path")
    if os.path.exists(path):
        # ruleid: file-path-from-request
        os.remove(path)
        return "deleted"
    return "missing", 404


@app.route("/raw")
def raw_file():
    file_name = request.args.get("file_name")
    try:
        # ruleid: file-path-from-request
        fp = open(file_name, "rb")
        return fp.read()
    except OSError:
        return "", 404


@app.route("/safe-download")
def safe_download():
    # ok: file-path-from-request
    return send_from_directory(UPLOAD_DIR, request.args["name"])


@app.route("/upload", methods=["POST"])
def upload():
    file = request.files["file"]
    filename = secure_filename(file.filename)
    # ok: file-path-from-request
    with open(os.path.join(UPLOAD_DIR, filename), "wb") as out:
        out.write(file.read())
    return "", 201


@app.route("/checked")
def checked_read():
    target = (BASE / request.args["name"]).resolve()
    if not target.is_relative_to(BASE):
        abort(404)
    # ok: file-path-from-request
    return send_file(target)


@app.route("/joined")
def joined():
    path = safe_join(UPLOAD_DIR, request.args["name"])
    # ok: file-path-from-request
    return send_file(path)


@app.route("/report")
def report():
    page = int(request.args.get("page", 1))
    # ok: file-path-from-request
    with open("/srv/app/report.json") as fh:
        return fh.read()[page:]


def rotate_logs(log_dir):
    # ok: file-path-from-request
    with open(os.path.join(log_dir, "app.log")) as fh:
        lines = fh.readlines()
    # ok: file-path-from-request
    shutil.rmtree(os.path.join(log_dir, "old"))
    return JsonResponse({"lines": len(lines)})
