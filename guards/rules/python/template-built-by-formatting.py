import jinja2
from flask import render_template_string, request
from string import Template

env = jinja2.Environment(autoescape=True)
PAGE = "<h1>Hello {{ name }}</h1>"


def vulnerable(user):
    # ruleid: template-built-by-formatting
    a = render_template_string(f"<h1>Hello {request.args.get('name')}</h1>")
    # ruleid: template-built-by-formatting
    b = render_template_string("<p>%s</p>" % user.bio)
    header = "<h2>" + user.name + "</h2>"
    # ruleid: template-built-by-formatting
    c = env.from_string(header).render()
    # ruleid: template-built-by-formatting
    d = jinja2.Template("Dear {},".format(user.name)).render()
    return a, b, c, d


def fine(user, template_source):
    # ok: template-built-by-formatting
    a = render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name"))
    # ok: template-built-by-formatting
    b = render_template_string(PAGE, name=user.name)
    # ok: template-built-by-formatting
    c = env.from_string(template_source).render(user=user)
    # ok: template-built-by-formatting
    d = Template(f"Dear $name from {user.city}").substitute(name=user.name)
    # ok: template-built-by-formatting
    e = env.get_template("page.html").render(name=user.name)
    return a, b, c, d, e
