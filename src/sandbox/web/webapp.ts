/**
 * The outer page of the sandbox's web app (GET /exec), like Google's: the
 * script's HtmlOutput runs in a sandboxed frame (/frame/:id, shim injected),
 * and this page relays its google.script.run calls to POST /api/rpc, where
 * they run as the anonymous visitor (the server knows the frame).
 */
const frame = document.getElementById('webapp-frame') as HTMLIFrameElement;
const frameId = frame.dataset.frameId ?? '';

window.addEventListener('message', (ev: MessageEvent) => {
  const d = ev.data as { type?: string; frameId?: string; id?: number; fn?: unknown; args?: unknown };
  if (ev.source !== frame.contentWindow || !d || d.frameId !== frameId || d.type !== 'sp-rpc' || typeof d.id !== 'number') return;
  const target = ev.source as Window;
  fetch('/api/rpc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fn: d.fn, args: Array.isArray(d.args) ? d.args : [], frameId }),
  })
    .then((r) => r.json() as Promise<{ ok: boolean; result?: unknown; error?: { message: string; name?: string } }>)
    .catch((e: Error) => ({ ok: false, result: undefined, error: { message: e.message } }))
    .then((r) => target.postMessage({ type: 'sp-rpc-result', frameId, id: d.id, ok: r.ok, result: r.result, error: r.error }, '*'));
});
