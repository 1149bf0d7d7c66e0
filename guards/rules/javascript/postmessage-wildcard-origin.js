const WIDGET_ORIGIN = "https://widget.example.com";

function sendSession(frame, session) {
  // ruleid: postmessage-wildcard-origin
  frame.contentWindow.postMessage({ type: "session", token: session.token }, "*");
}

function notifyParent(height) {
  // ruleid: postmessage-wildcard-origin
  window.parent.postMessage(JSON.stringify({ event: "resize", height }), "*");
}

function reportBack(result) {
  // ruleid: postmessage-wildcard-origin
  window.opener.postMessage(result, { targetOrigin: "*" });
}

function shareUser(iframe, user) {
  const payload = { id: user.id, email: user.email };
  // ruleid: postmessage-wildcard-origin
  iframe.contentWindow.postMessage(payload, "*");
}

function pauseVideo(player) {
  // ok: postmessage-wildcard-origin
  player.contentWindow.postMessage('{"event":"command","func":"pauseVideo","args":""}', "*");
}

function sendSessionSafely(frame, session) {
  // ok: postmessage-wildcard-origin
  frame.contentWindow.postMessage({ type: "session", token: session.token }, WIDGET_ORIGIN);
}

function sameOrigin(data) {
  // ok: postmessage-wildcard-origin
  window.parent.postMessage(data, window.location.origin);
}

function toWorker(worker, job) {
  // ok: postmessage-wildcard-origin
  worker.postMessage(job);
}

module.exports = { sendSession, notifyParent, reportBack, shareUser, pauseVideo, sendSessionSafely, sameOrigin, toWorker };
