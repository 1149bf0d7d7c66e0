from fastapi import FastAPI, Request
from flask import Flask, abort, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
api = FastAPI()
db = MongoClient("mongodb://localhost:27017").shop


@app.route("/login", methods=["POST"])
def login():
    # ruleid: mongo-query-from-request
    user = db.users.find_one({"username": request.json["username"], "password": request.json["password"]})
    return jsonify(ok=user is not None)


@app.route("/products/search", methods=["POST"])
def search_products():
    # ruleid: mongo-query-from-request
    cursor = db.products.find(request.get_json())
    return jsonify([p["name"] for p in cursor])


@api.post("/orders/count")
async def count_orders(request: Request):
    # ruleid: mongo-query-from-request
    n = await db.orders.count_documents(await request.json())
    return {"count": n}


@app.route("/cheap")
def cheap():
    limit = request.args.get("max", "10")
    # ruleid: mongo-query-from-request
    items = db.products.find({"$where": f"this.price < {limit}"})
    return jsonify([i["name"] for i in items])


@app.route("/safe-login", methods=["POST"])
def safe_login():
    body = request.get_json()
    username = body.get("username")
    if not isinstance(username, str):
        abort(400)
    # ok: mongo-query-from-request
    user = db.users.find_one({"username": username})
    return jsonify(ok=user is not None)


@app.route("/product/<sku>")
def product(sku):
    # ok: mongo-query-from-request
    return jsonify(db.products.find_one({"sku": str(sku)}, {"_id": 0}))


def expensive():
    # ok: mongo-query-from-request
    return list(db.products.find({"$where": "this.price > this.cost * 2"}))


def by_category(category):
    # ok: mongo-query-from-request
    return list(db.products.find({"category": category, "stock": {"$gt": 0}}))
