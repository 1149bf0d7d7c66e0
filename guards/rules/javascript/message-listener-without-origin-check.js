const TRUSTED_ORIGINS = new Set(["https://app.example.com"]);

// ruleid: message-listener-without-origin-check
window.addEventListener("message", (event) => {
  if (event.data.type === "navigate") {
    window.location.href = event.data.url;
  }
});

// ruleid: message-listener-without-origin-check
window.addEventListener("message", function ({ data }) {
  document.getElementById("status").textContent = data.status;
});

// ruleid: message-listener-without-origin-check
window.onmessage = function (e) {
  const msg = JSON.parse(e.data);
  store.dispatch(msg);
};

// ok: message-listener-without-origin-check
window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  store.dispatch(event.data);
});

// ok: message-listener-without-origin-check
window.addEventListener("message", (event) => {
  if (!TRUSTED_ORIGINS.has(event.origin)) return;
  render(event.data);
});

// ok: message-listener-without-origin-check
self.addEventListener("message", (event) => {
  const result = heavyComputation(event.data);
  self.postMessage(result);
});

// ok: message-listener-without-origin-check
socket.addEventListener("message", (event) => {
  render(JSON.parse(event.data));
});

// ok: message-listener-without-origin-check
window.addEventListener("resize", () => layout(window.innerWidth));

// ok: message-listener-without-origin-check
window.addEventListener("message", handleMessage);
