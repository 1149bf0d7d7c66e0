import jinja2
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

# ruleid: jinja2-autoescape-false
env = Environment(loader=FileSystemLoader("templates"), autoescape=False)
# ruleid: jinja2-autoescape-false
other = jinja2.Environment(loader=jinja2.PackageLoader("app"), autoescape=False)
# ruleid: jinja2-autoescape-false
sandbox = SandboxedEnvironment(autoescape=False)
# ruleid: jinja2-autoescape-false
page = Template("<p>{{ bio }}</p>", autoescape=False)
# ruleid: jinja2-autoescape-false
env.autoescape = False

# ok: jinja2-autoescape-false
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))
# ok: jinja2-autoescape-false
strict_env = jinja2.Environment(autoescape=True)
# ok: jinja2-autoescape-false
safe_page = Template("<p>{{ bio }}</p>", autoescape=True)
# ok: jinja2-autoescape-false
safe_env.autoescape = True
# ok: jinja2-autoescape-false
settings_autoescape = False
