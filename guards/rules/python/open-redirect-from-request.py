from urllib.parse import urlparse

from django.http import HttpResponseRedirect
from django import shortcuts
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, redirect, request, session, url_for
from starlette.responses import RedirectResponse

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["username"]
    # ruleid: open-redirect-from-request
    return redirect(request.args.get("next", "/"))


@app.route("/logout")
def logout():
    session.clear()
    next_url = request.args.get("return_to") or url_for("index")
    # ruleid: open-redirect-from-request
    return redirect(next_url)


def django_login(request):
    target = request.POST.get("next", "/")
    # ruleid: open-redirect-from-request
    response = HttpResponseRedirect(target)
    response.set_cookie("seen", "1")
    return response


async def starlette_go(request):
    # ruleid: open-redirect-from-request
    return RedirectResponse(url=request.query_params["to"])


def django_out(request):
    # ruleid: open-redirect-from-request
    return shortcuts.redirect(request.GET["url"])


@app.route("/profile/<int:user_id>")
def profile_redirect(user_id):
    tab = request.args.get("tab", "overview")
    # ok: open-redirect-from-request
    return redirect(url_for("profile", user_id=user_id, tab=tab))


@app.route("/safe-login", methods=["POST"])
def safe_login():
    target = request.args.get("next", "")
    parts = urlparse(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        target = url_for("index")
    # ok: open-redirect-from-request
    return redirect(target)


def django_safe(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    # ok: open-redirect-from-request
    return HttpResponseRedirect(next_url)


@app.route("/orders/<order_id>")
def order(order_id):
    # ok: open-redirect-from-request
    return redirect(f"/orders/{order_id}/summary")


@app.route("/search")
def search():
    query = request.args.get("q", "")
    # ok: open-redirect-from-request
    return redirect("/results?q=" + query)


def home():
    # ok: open-redirect-from-request
    return redirect("/")
