from django.http import JsonResponse
from flask import Flask, abort, jsonify, request, url_for

from .models import Profile, User, db
from .schemas import UserCreate

app = Flask(__name__)
EDITABLE_FIELDS = {"name", "bio", "avatar_url"}


@app.route("/users", methods=["POST"])
def create_user():
    # ruleid: mass-assignment-from-request
    user = User(**request.get_json())
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@app.route("/users/<int:user_id>", methods=["PATCH"])
def update_user(user_id):
    user = User.query.get_or_404(user_id)
    for key, value in request.json.items():
        # ruleid: mass-assignment-from-request
        setattr(user, key, value)
    db.session.commit()
    return jsonify(id=user.id)


def django_create(request):
    # ruleid: mass-assignment-from-request
    profile = Profile.objects.create(**request.POST.dict())
    return JsonResponse({"id": profile.id})


@app.route("/profile", methods=["PUT"])
def update_profile():
    data = request.get_json()
    profile = Profile.query.get_or_404(data["id"])
    for field, value in data.items():
        # ruleid: mass-assignment-from-request
        setattr(profile, field, value)
    db.session.commit()
    return "", 204


@app.route("/signup", methods=["POST"])
def signup():
    payload = request.get_json()
    # ruleid: mass-assignment-from-request
    user = User(**payload)
    db.session.add(user)
    return jsonify(id=user.id), 201


@app.route("/safe-users", methods=["POST"])
def safe_create_user():
    data = request.get_json()
    # ok: mass-assignment-from-request
    user = User(name=data["name"], email=data["email"])
    db.session.add(user)
    return jsonify(id=user.id), 201


@app.route("/safe-profile", methods=["PUT"])
def safe_update_profile():
    data = request.get_json()
    profile = Profile.query.get_or_404(data["id"])
    for field, value in data.items():
        if field in EDITABLE_FIELDS:
            # ok: mass-assignment-from-request
            setattr(profile, field, value)
    return "", 204


@app.route("/validated", methods=["POST"])
def validated():
    # ok: mass-assignment-from-request
    payload = UserCreate(**request.get_json())
    return jsonify(payload.model_dump())


@app.route("/list")
def listing():
    # ok: mass-assignment-from-request
    return jsonify(next=url_for("listing", **request.args))


def apply_defaults(obj, defaults):
    for key, value in defaults.items():
        # ok: mass-assignment-from-request
        setattr(obj, key, value)
    return obj
