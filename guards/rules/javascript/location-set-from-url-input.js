function afterLogin() {
  const params = new URLSearchParams(window.location.search);
  // ruleid: location-set-from-url-input
  window.location.href = params.get("next");
}

function hashRoute() {
  // ruleid: location-set-from-url-input
  window.location = decodeURIComponent(location.hash.slice(1));
}

function goBack() {
  // ruleid: location-set-from-url-input
  location.replace(document.referrer);
}

function openShared() {
  const url = new URL(document.URL).searchParams.get("share");
  // ruleid: location-set-from-url-input
  window.open(url, "_blank");
}

function safeAfterLogin() {
  const params = new URLSearchParams(window.location.search);
  const target = new URL(params.get("next") || "/", window.location.origin);
  // ok: location-set-from-url-input
  window.location.assign(target.origin === window.location.origin ? target.pathname : "/");
}

function toOrder(id) {
  // ok: location-set-from-url-input
  window.location.href = `/orders/${id}`;
}

function search(term) {
  // ok: location-set-from-url-input
  location.href = "/search?q=" + encodeURIComponent(term);
}

function keepQuery() {
  const tab = new URLSearchParams(location.search).get("tab") || "home";
  // ok: location-set-from-url-input
  location.hash = "#" + tab;
}

function reload() {
  // ok: location-set-from-url-input
  window.location.reload();
}

export { afterLogin, hashRoute, goBack, openShared, safeAfterLogin, toOrder, search, keepQuery, reload };
