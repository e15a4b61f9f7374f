// autocannon worker hook for bench/ingest.ts: reports each answer's stored-event count to the
// main thread (the server's), which checks it against what the store holds.
const channel = new BroadcastChannel('leadscore-bench-ingest');
channel.unref();

module.exports = function onResponse(status, body) {
  if (status !== 200) return channel.postMessage({ stored: 0, duplicates: 0, failed: 1 });
  const answer = JSON.parse(body);
  // /v1/batch answers counts; a single call answers its own status.
  const stored = answer.stored ?? (answer.status === 'stored' ? 1 : 0);
  const duplicates = answer.duplicates ?? (answer.status === 'duplicate' ? 1 : 0);
  channel.postMessage({ stored, duplicates, failed: 0 });
};
