import html

from django.http import HttpResponse, JsonResponse
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from flask import Flask, make_response, render_template, request
from markupsafe import escape

app = Flask(__name__)
api = FastAPI()


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: html-response-with-request-input
    return f"<h1>Hello, {name}!</h1>"


@app.route("/search")
def search():
    # ruleid: html-response-with-request-input
    resp = make_response("<p>No results for " + request.args["q"] + "</p>")
    resp.headers["Cache-Control"] = "no-store"
    return resp


def greet(request):
    username = request.GET.get("user", "")
    page = "<html><body>Welcome back, %s</body></html>" % username
    # ruleid: html-response-with-request-input
    return HttpResponse(page)


@api.get("/echo")
async def echo(req: Request):
    # ruleid: html-response-with-request-input
    return HTMLResponse(content=f"<div>{req.query_params.get('msg')}</div>")


@app.route("/error")
def error_page():
    code = request.args.get("code")
    # ruleid: html-response-with-request-input
    return "<h2>Error {}</h2><p>Something went wrong.</p>".format(code)


@app.route("/greet")
def greet_first_name():
    first_name = request.args.get("first_name")
    if first_name:
        # ruleid: html-response-with-request-input
        return make_response("Greetings, " + first_name + "!\n")
    return make_response("Greetings!")


@app.route("/safe-hello")
def safe_hello():
    name = request.args.get("name", "world")
    # ok: html-response-with-request-input
    return f"<h1>Hello, {escape(name)}!</h1>"


@app.route("/profile")
def profile():
    user = request.args.get("user")
    # ok: html-response-with-request-input
    return render_template("profile.html", user=user)


def api_search(request):
    term = request.GET.get("q", "")
    # ok: html-response-with-request-input
    return JsonResponse({"query": term, "results": []})


def export(request):
    rows = request.GET.get("rows", "10")
    # ok: html-response-with-request-input
    return HttpResponse(f"id,name\n{rows}", content_type="text/csv")


def safe_greet(request):
    username = html.escape(request.GET.get("user", ""))
    # ok: html-response-with-request-input
    return HttpResponse("<p>Welcome back, %s</p>" % html.escape(username))


@app.route("/health")
def health():
    # ok: html-response-with-request-input
    return f"<p>ok from {app.name}</p>"
