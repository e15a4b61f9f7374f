// autocannon worker hook for bench/ingest.ts: builds each request body with fresh messageIds.
// A worker can load only a file path, so its settings come from the environment.
const perRequest = Number(process.env.LEADSCORE_BENCH_EVENTS_PER_REQUEST);
const leads = Number(process.env.LEADSCORE_BENCH_LEADS);
const prefix = `${process.env.LEADSCORE_BENCH_RUN}-${crypto.randomUUID().slice(0, 8)}`;
const names = [
  'Email Opened',
  'Email Link Clicked',
  'Page Viewed',
  'Asset Downloaded',
  'Webinar Registered',
];
let sent = 0;

function trackCall() {
  sent++;
  return {
    type: 'track',
    messageId: `${prefix}-${sent}`,
    userId: `L${String(1 + Math.floor(Math.random() * leads)).padStart(7, '0')}`,
    event: names[sent % names.length],
    properties: { campaign: 'bench', path: '/pricing' },
    timestamp: new Date().toISOString(),
  };
}

module.exports = function setupRequest(request) {
  const body =
    perRequest === 1 ? trackCall() : { batch: Array.from({ length: perRequest }, trackCall) };
  request.body = JSON.stringify(body);
  return request;
};
