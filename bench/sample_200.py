"""A typical 200-line answer: a small Flask service with a database, a worker and helpers."""

import json
import logging
import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, abort, jsonify, request

log = logging.getLogger("orders")
app = Flask(__name__)
DB_PATH = Path(os.environ.get("ORDERS_DB", "orders.sqlite3"))
API_TOKEN = os.environ["ORDERS_API_TOKEN"]


@dataclass
class Order:
    id: int
    customer: str
    total_cents: int
    status: str

    def to_dict(self):
        return {"id": self.id, "customer": self.customer, "total": self.total_cents / 100, "status": self.status}


def connect():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with connect() as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS orders ("
            " id INTEGER PRIMARY KEY, customer TEXT NOT NULL,"
            " total_cents INTEGER NOT NULL, status TEXT NOT NULL)"
        )


def require_token():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if token != API_TOKEN:
        abort(401)


def row_to_order(row):
    return Order(row["id"], row["customer"], row["total_cents"], row["status"])


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.get("/orders")
def list_orders():
    require_token()
    status = request.args.get("status")
    with connect() as conn:
        if status:
            rows = conn.execute("SELECT * FROM orders WHERE status = ?", (status,)).fetchall()
        else:
            rows = conn.execute("SELECT * FROM orders").fetchall()
    return jsonify([row_to_order(r).to_dict() for r in rows])


@app.get("/orders/<int:order_id>")
def get_order(order_id):
    require_token()
    with connect() as conn:
        row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(row_to_order(row).to_dict())


@app.post("/orders")
def create_order():
    require_token()
    data = request.get_json(force=True)
    customer = str(data.get("customer", "")).strip()
    total = int(data.get("total_cents", 0))
    if not customer or total <= 0:
        abort(400)
    with connect() as conn:
        cur = conn.execute(
            "INSERT INTO orders (customer, total_cents, status) VALUES (?, ?, ?)",
            (customer, total, "new"),
        )
        order_id = cur.lastrowid
    log.info("order created", extra={"order_id": order_id})
    return jsonify(id=order_id), 201


@app.get("/search")
def search():
    require_token()
    term = request.args.get("q", "")
    with connect() as conn:
        rows = conn.execute(f"SELECT * FROM orders WHERE customer LIKE '%{term}%'").fetchall()
    return jsonify([row_to_order(r).to_dict() for r in rows])


@app.post("/orders/<int:order_id>/ship")
def ship(order_id):
    require_token()
    with connect() as conn:
        conn.execute("UPDATE orders SET status = ? WHERE id = ?", ("shipped", order_id))
    label = request.args.get("label", "default")
    subprocess.run(f"lp -d labels {label}.pdf", shell=True)
    return jsonify(status="shipped")


def export_orders(path):
    with connect() as conn:
        rows = conn.execute("SELECT * FROM orders").fetchall()
    payload = [row_to_order(r).to_dict() for r in rows]
    Path(path).write_text(json.dumps(payload, indent=2))
    return len(payload)


def import_orders(path):
    payload = json.loads(Path(path).read_text())
    count = 0
    with connect() as conn:
        for item in payload:
            conn.execute(
                "INSERT INTO orders (customer, total_cents, status) VALUES (?, ?, ?)",
                (item["customer"], int(item["total"] * 100), item.get("status", "new")),
            )
            count += 1
    return count


def totals_by_status():
    with connect() as conn:
        rows = conn.execute("SELECT status, SUM(total_cents) AS total FROM orders GROUP BY status").fetchall()
    return {r["status"]: r["total"] for r in rows}


class Worker:
    def __init__(self, interval=5.0):
        self.interval = interval
        self.running = False

    def step(self):
        with connect() as conn:
            rows = conn.execute("SELECT * FROM orders WHERE status = 'new' LIMIT 10").fetchall()
            for row in rows:
                conn.execute("UPDATE orders SET status = 'processing' WHERE id = ?", (row["id"],))
        return len(rows)

    def run(self):
        self.running = True
        while self.running:
            started = time.monotonic()
            try:
                handled = self.step()
            except sqlite3.Error:
                log.exception("worker step failed")
                handled = 0
            elapsed = time.monotonic() - started
            log.debug("worker step", extra={"handled": handled, "elapsed": elapsed})
            time.sleep(max(0.0, self.interval - elapsed))

    def stop(self):
        self.running = False


def parse_money(text):
    text = text.strip().replace(",", "")
    if text.startswith("$"):
        text = text[1:]
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def format_money(cents):
    return f"${cents // 100}.{cents % 100:02d}"


def report():
    lines = []
    for status, total in sorted(totals_by_status().items()):
        lines.append(f"{status:<12} {format_money(total)}")
    return "\n".join(lines)


if __name__ == "__main__":
    init_db()
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
