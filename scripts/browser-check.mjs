// The web app's first page in headless Chromium, driven over the DevTools protocol (Node 20+
// with --experimental-websocket, no package needed): drop the commune's fixture export, check
// what is shown, search a métier as you type, map the five unmatched titles, read again, and
// check that the profile is offered. Exits 1 on the first failed check.
// Usage: node --experimental-websocket scripts/browser-check.mjs URL EXPORT [SCREENSHOT.png]
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

const [url, exportFile, screenshot] = process.argv.slice(2);
const port = 9300 + Math.floor(Math.random() * 600);
const chrome = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", `--remote-debugging-port=${port}`, "--window-size=1280,1400", "about:blank"], { stdio: "ignore" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function fail(message) { console.error("échec : " + message); chrome.kill(); process.exit(1); }
function check(condition, message) { if (!condition) { fail(message); } console.log("ok : " + message); }

let targets;
for (let i = 0; i < 100 && !targets; i++) {
  try { targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json(); } catch { await sleep(200); }
}
if (!targets) { fail("Chromium ne répond pas"); }
const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener("open", r));
let id = 0;
const pending = new Map();
ws.addEventListener("message", (e) => { const m = JSON.parse(e.data); if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); } });
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
const js = async (expression) => (await send("Runtime.evaluate", { expression, awaitPromise: true })).result.result.value;
async function until(expression, what) {
  for (let i = 0; i < 100; i++) { if (await js(expression)) { return; } await sleep(100); }
  fail(what);
}

await send("Page.enable"); await send("DOM.enable"); await send("Runtime.enable");
await send("Page.navigate", { url });
await until("document.readyState === 'complete' && !!document.getElementById('export')", "la page ne se charge pas");
check(await js("document.documentElement.lang") === "fr", "la page est en français");
check(await js("Array.from(document.querySelectorAll('input')).every(i => !!document.querySelector('label[for=' + i.id + ']'))"), "chaque champ a son libellé");
const doc = await send("DOM.getDocument");
const input = await send("DOM.querySelector", { nodeId: doc.result.root.nodeId, selector: "#export" });
await send("DOM.setFileInputFiles", { nodeId: input.result.nodeId, files: [exportFile] });
await js("document.querySelector('#formulaire button[type=submit]').click()");
await until("document.querySelectorAll('input[id^=rattache-]').length > 0", "aucun intitulé à rattacher affiché");
const shown = await js("document.getElementById('resultat').innerText");
check(shown.includes("156 agents"), "les agents lus sont comptés");
check(shown.includes("Colonnes de données personnelles écartées"), "les colonnes nominatives écartées sont dites");
check(!/Tartempion|Zorglub|M01000/.test(shown), "aucun nom d'agent n'est affiché");
check(await js("document.querySelectorAll('input[id^=rattache-]').length") === 5, "cinq intitulés à rattacher");
await js("(function(){var c=document.getElementById('rattache-1'); c.value='jardin'; c.dispatchEvent(new Event('input'));})()");
await until("Array.from(document.querySelectorAll('#rattache-1-liste option')).some(o => o.value === 'jardinier')", "la recherche « jardin » ne propose pas jardinier");
console.log("ok : la recherche propose des métiers pendant la saisie");
await js("document.querySelectorAll('input[id^=rattache-]').forEach(function (c) { c.value = 'agent-gestion-administrative'; })");
await js("document.querySelector('#resultat form button').click()");
await until("Array.from(document.querySelectorAll('#resultat a[download]')).some(a => a.download === 'profil.ron')", "le profil n'est pas proposé après les rattachements");
check(await js("Array.from(document.querySelectorAll('#resultat td')).filter(td => td.textContent === 'fichier de correspondance').length") === 5, "les cinq intitulés sont rattachés par la correspondance");
if (screenshot) {
  const shot = await send("Page.captureScreenshot", { format: "png" });
  writeFileSync(screenshot, Buffer.from(shot.result.data, "base64"));
}
ws.close();
chrome.kill();
process.exit(0);
