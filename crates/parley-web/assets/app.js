// parley web: the only script. Pages work without it; it drives the import form, which has to
// send the token in a header. Everything from the server is inserted as text (textContent),
// never as markup.
"use strict";
(function () {
  const form = document.getElementById("import-form");
  if (!form) return;
  const out = document.getElementById("import-result");
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    out.replaceChildren(el("p", "Reading…"));
    const file = document.getElementById("import-file").files[0];
    const body = file ? await file.text() : document.getElementById("import-text").value;
    const params = new URLSearchParams();
    params.set("format", document.getElementById("import-format").value);
    const pub = document.getElementById("import-published").value.trim();
    if (pub) params.set("published", pub);
    if (document.getElementById("import-ingest").checked) params.set("ingest", "true");
    if (file) params.set("id", file.name);
    let res, data;
    try {
      res = await fetch("/api/import?" + params.toString(), {
        method: "POST",
        headers: { "Authorization": "Bearer " + document.getElementById("import-token").value, "Content-Type": "text/plain; charset=utf-8" },
        body: body,
      });
      data = await res.json();
    } catch (e) {
      out.replaceChildren(el("p", "The server could not be reached: " + e, "error"));
      return;
    }
    if (!res.ok) {
      const e = data && data.error ? data.error : { message: res.statusText };
      out.replaceChildren(el("p", e.message + (e.accepted ? " (accepted: " + e.accepted + ")" : ""), "error"));
      return;
    }
    const nodes = [el("p", data.events + " events found" + (data.stored ? "; added to the store" : ""), "import-summary")];
    for (const d of data.documents) {
      nodes.push(el("h3", d.id + (d.published ? " · published " + d.published + " (" + d.published_source + ")" : "")));
      if (d.error) { nodes.push(el("p", d.error, "error")); continue; }
      if (!d.events.length) { nodes.push(el("p", "No events found.", "empty")); continue; }
      const table = el("table", undefined, "events");
      const head = el("tr");
      for (const h of ["Date", "Type", "Status", "Participants", "Place", "Evidence"]) head.appendChild(el("th", h));
      table.appendChild(head);
      for (const e of d.events) {
        const tr = el("tr");
        tr.appendChild(el("td", e.date && e.date.value ? e.date.value : "undated"));
        tr.appendChild(el("td", e.type));
        tr.appendChild(el("td", e.status));
        tr.appendChild(el("td", e.participants.map((p) => p.name).join(", ")));
        tr.appendChild(el("td", e.location ? e.location.name : ""));
        tr.appendChild(el("td", e.evidence.map((x) => x.text).join(" … ")));
        table.appendChild(tr);
      }
      nodes.push(table);
    }
    out.replaceChildren(...nodes);
  });
})();
