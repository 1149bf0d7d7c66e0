from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from flask import Flask, abort, g, request

app = Flask(__name__)


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    # ruleid: assert-used-for-access-check
    assert g.user.is_admin, "admins only"
    g.db.delete_user(user_id)
    return "", 204


def invoice_detail(request, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    # ruleid: assert-used-for-access-check
    assert invoice.owner_id == request.user.id
    return JsonResponse(invoice.as_dict())


class ReportView:
    def get(self, request):
        # ruleid: assert-used-for-access-check
        assert request.user.has_perm("reports.view_report")
        return JsonResponse({"ok": True})


@app.post("/webhook")
def webhook():
    # ruleid: assert-used-for-access-check
    assert request.headers.get("X-Signature") == compute_signature(request.data)
    return "", 204


@app.route("/admin/stats")
def stats():
    if not g.user.is_admin:
        abort(403)
    # ok: assert-used-for-access-check
    assert isinstance(g.stats, dict)
    return g.stats


def settings_view(request):
    if not request.user.is_staff:
        raise PermissionDenied
    # ok: assert-used-for-access-check
    assert request.method in ("GET", "POST")
    return JsonResponse({})


def test_admin_can_delete(client, admin_user):
    response = client.delete("/admin/users/2")
    # ok: assert-used-for-access-check
    assert admin_user.is_admin
    assert response.status_code == 204


def normalize_role(role):
    # ok: assert-used-for-access-check
    assert role in ("admin", "user")
    return role.lower()
