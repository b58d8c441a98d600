// netkit chat page: joins the room over a WebSocket (/ws) on the server that served it, shows
// messages and the member list, and reconnects after the server restarts. Everything that came
// from the network is set with textContent, never parsed as HTML.
"use strict";

const messages = document.getElementById("messages");
const members = document.getElementById("members");
const count = document.getElementById("count");
const statusEl = document.getElementById("status");
const form = document.getElementById("say");
const input = document.getElementById("line");

let socket = null;
let you = null;
let roster = new Map(); // nick -> {nick, via, addr}
let maxLine = 65536;
let retry = 500;
let leaving = false;
let wanted = null; // the nick chosen with /nick, taken again after a reconnect

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function show(entry) {
  const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  messages.appendChild(entry);
  while (messages.childElementCount > 2000) messages.firstElementChild.remove();
  if (atBottom) messages.scrollTop = messages.scrollHeight;
}

function notice(text) {
  show(el("li", "notice", "* " + text));
}

function message(from, text) {
  const li = el("li", from === you ? "mine" : "");
  li.appendChild(el("span", "from", "<" + from + ">"));
  li.appendChild(document.createTextNode(text));
  show(li);
}

function drawMembers() {
  members.replaceChildren();
  const sorted = [...roster.values()].sort((a, b) => a.nick.localeCompare(b.nick));
  for (const m of sorted) {
    const li = el("li", m.nick === you ? "you" : "");
    li.dataset.via = m.via;
    li.appendChild(el("span", "badge " + m.via, m.via === "browser" ? "web" : "TCP"));
    li.appendChild(document.createTextNode(m.nick));
    li.appendChild(el("span", "addr", (m.via === "browser" ? "browser " : "TCP client ") + m.addr));
    members.appendChild(li);
  }
  count.textContent = "(" + roster.size + ")";
}

function setStatus(text, down) {
  statusEl.textContent = text;
  statusEl.classList.toggle("down", !!down);
}

function receive(frame) {
  let m;
  try {
    m = JSON.parse(frame);
  } catch (_) {
    return;
  }
  switch (m.type) {
    case "message":
      message(m.from, m.text);
      break;
    case "welcome":
      you = m.you;
      maxLine = m.max_line || maxLine;
      roster = new Map(m.members.map((x) => [x.nick, x]));
      drawMembers();
      setStatus("you are " + you);
      notice(m.text);
      if (wanted && wanted !== you) socket.send("/nick " + wanted);
      break;
    case "members":
      for (const x of m.members) roster.set(x.nick, x);
      drawMembers();
      break;
    case "joined":
      roster.set(m.member.nick, m.member);
      drawMembers();
      notice(m.text);
      break;
    case "left":
      roster.delete(m.nick);
      drawMembers();
      notice(m.text);
      break;
    case "renamed": {
      const who = roster.get(m.old);
      if (who) {
        roster.delete(m.old);
        who.nick = m.new;
        roster.set(m.new, who);
      }
      if (m.old === you) {
        you = m.new;
        wanted = m.new;
        setStatus("you are " + you);
      }
      drawMembers();
      notice(m.text);
      break;
    }
    default:
      if (typeof m.text === "string") notice(m.text);
  }
}

function connect() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  setStatus("connecting…");
  socket = new WebSocket(url);
  socket.onopen = () => {
    retry = 500;
  };
  socket.onmessage = (ev) => {
    // One JSON object per line; several lines when they piled up.
    if (typeof ev.data === "string") ev.data.split("\n").forEach(receive);
  };
  socket.onclose = (ev) => {
    roster.clear();
    drawMembers();
    if (leaving) {
      setStatus("you left the room", true);
      return;
    }
    const why = ev.reason ? ev.reason + ", " : "";
    setStatus("disconnected (" + why + "code " + ev.code + "); retrying…", true);
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 10000);
  };
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = input.value;
  if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
  const size = new TextEncoder().encode(text).length;
  if (size > maxLine) {
    notice("not sent: " + size + " bytes is more than the room's " + maxLine);
    return;
  }
  if (text === "bye" || text.toLowerCase() === "/quit") leaving = true;
  socket.send(text);
  if (!text.startsWith("/") || text.startsWith("//")) {
    if (text !== "bye") message(you, text.startsWith("//") ? text.slice(1) : text);
  }
  input.value = "";
});

connect();
