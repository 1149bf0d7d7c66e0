from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from flask import Blueprint, Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)
api = Blueprint("api", __name__)

# ruleid: csrf-protection-disabled
WTF_CSRF_ENABLED = False

# ruleid: csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = False


# ruleid: csrf-protection-disabled
@csrf_exempt
def change_email(request):
    request.user.email = request.POST["email"]
    request.user.save()


# ruleid: csrf-protection-disabled
@method_decorator(csrf_exempt, name="dispatch")
class TransferView(View):
    def post(self, request):
        return None


@app.route("/api/settings", methods=["POST"])
# ruleid: csrf-protection-disabled
@csrf.exempt
def update_settings():
    return "", 204


# ruleid: csrf-protection-disabled
csrf.exempt(api)

urlpatterns = [
    # ruleid: csrf-protection-disabled
    path("transfer/", csrf_exempt(TransferView.as_view())),
]


# ok: csrf-protection-disabled
@csrf_protect
def profile(request):
    return None


class TestConfig:
    # ok: csrf-protection-disabled
    WTF_CSRF_ENABLED = False


def make_test_app():
    # ok: csrf-protection-disabled
    app.config["WTF_CSRF_ENABLED"] = False
    return app


# ok: csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = True
