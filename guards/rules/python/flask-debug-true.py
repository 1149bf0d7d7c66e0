import asyncio
import os

from flask import Flask
from flask_socketio import SocketIO
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

app = Flask(__name__)
socketio = SocketIO(app)

# ruleid: flask-debug-true
app.debug = True
# ruleid: flask-debug-true
app.config["DEBUG"] = True
# ruleid: flask-debug-true
app.config.update(DEBUG=True, TESTING=False)


def main():
    # ruleid: flask-debug-true
    app.run(host="127.0.0.1", port=5000, debug=True)
    # ruleid: flask-debug-true
    socketio.run(app, debug=True)
    # ruleid: flask-debug-true
    run_simple("localhost", 5000, app, use_debugger=True, use_reloader=True)
    # ruleid: flask-debug-true
    wrapped = DebuggedApplication(app, evalex=True)
    return wrapped


def fine(agent, logger, query):
    # ok: flask-debug-true
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    # ok: flask-debug-true
    app.run(debug=False)
    # ok: flask-debug-true
    asyncio.run(main(), debug=True)
    # ok: flask-debug-true
    agent.run(query, debug=True)
    # ok: flask-debug-true
    logger.debug = True
    # ok: flask-debug-true
    app.config["TESTING"] = True
    # ok: flask-debug-true
    app.config["DEBUG"] = False
