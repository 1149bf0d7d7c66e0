import json

from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup

ICON = '<svg class="icon"></svg>'


def unsafe(request, comment, data):
    # ruleid: mark-safe-non-constant
    greeting = mark_safe(f"<p>Hello, {request.GET['name']}!</p>")
    # ruleid: mark-safe-non-constant
    body = mark_safe("<div>" + comment.text + "</div>")
    # ruleid: mark-safe-non-constant
    blob = mark_safe(json.dumps(data))
    # ruleid: mark-safe-non-constant
    html = Markup("<b>{}</b>".format(comment.author))
    # ruleid: mark-safe-non-constant
    raw = SafeString(comment.html)
    return greeting, body, blob, html, raw


def safe(request, comment):
    # ok: mark-safe-non-constant
    icon = mark_safe(ICON)
    # ok: mark-safe-non-constant
    br = mark_safe("<br>")
    # ok: mark-safe-non-constant
    greeting = format_html("<p>Hello, {}!</p>", request.GET["name"])
    # ok: mark-safe-non-constant
    bold = Markup("<b>%s</b>") % comment.author
    # ok: mark-safe-non-constant
    escaped = mark_safe(escape(comment.text))
    # ok: mark-safe-non-constant
    card = mark_safe(render_to_string("card.html", {"comment": comment}))
    # ok: mark-safe-non-constant
    text = Markup.escape(comment.text)
    # ok: mark-safe-non-constant
    js = mark_safe(str(comment.json).translate(_js_escapes))
    return icon, br, greeting, bold, escaped, card, text
