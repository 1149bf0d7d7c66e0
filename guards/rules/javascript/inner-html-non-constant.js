import DOMPurify from "dompurify";
import React from "react";

export function render(comment, params, $list) {
  const box = document.getElementById("comments");
  // ruleid: inner-html-non-constant
  box.innerHTML = comment.body;
  // ruleid: inner-html-non-constant
  box.innerHTML += `<li>${comment.text}</li>`;
  // ruleid: inner-html-non-constant
  box.insertAdjacentHTML("beforeend", "<p>" + params.get("q") + "</p>");
  // ruleid: inner-html-non-constant
  document.write(location.hash.slice(1));
  // ruleid: inner-html-non-constant
  $("#title").html(params.get("title"));
  // ruleid: inner-html-non-constant
  const el = React.createElement("div", { dangerouslySetInnerHTML: { __html: comment.html } });
  // ruleid: inner-html-non-constant
  box.outerHTML = "<section>" + comment.body + "</section>";
  // ruleid: inner-html-non-constant
  const raw = React.createElement("span", { dangerouslySetInnerHTML: comment.markup });
  return [el, raw];
}

export function renderSafely(comment, params) {
  const box = document.getElementById("comments");
  // ok: inner-html-non-constant
  box.innerHTML = "";
  // ok: inner-html-non-constant
  box.innerHTML = "<p class=\"empty\">No comments yet</p>";
  // ok: inner-html-non-constant
  box.textContent = comment.body;
  // ok: inner-html-non-constant
  box.innerHTML = DOMPurify.sanitize(comment.html);
  // ok: inner-html-non-constant
  const el = React.createElement("div", { dangerouslySetInnerHTML: { __html: DOMPurify.sanitize(comment.html) } });
  // ok: inner-html-non-constant
  const text = $("#title").html();
  // ok: inner-html-non-constant
  const current = box.innerHTML;
  // ok: inner-html-non-constant
  const close = React.createElement("span", { dangerouslySetInnerHTML: { __html: "&times;" } });
  return [el, text, current, close];
}
