// autocannon worker hook for bench/ingest.ts: builds each request body with fresh messageIds.
// A worker can load only a file path, so its settings come from the environment.
const perRequest = Number(process.env.LEADSCORE_BENCH_EVENTS_PER_REQUEST);
const leads = Number(process.env.LEADSCORE_BENCH_LEADS);
// Share of the calls that are identify calls (new traits for a known lead) instead of tracks.
const identifyShare = Number(process.env.LEADSCORE_BENCH_IDENTIFY ?? 0);
const prefix = `${process.env.LEADSCORE_BENCH_RUN}-${crypto.randomUUID().slice(0, 8)}`;
const names = [
  'Email Opened',
  'Email Link Clicked',
  'Page Viewed',
  'Asset Downloaded',
  'Webinar Registered',
];
let sent = 0;

const titles = ['VP Marketing', 'Marketing Manager', 'CTO', 'Intern', 'Head of Sales'];

const randomLead = () => `L${String(1 + Math.floor(Math.random() * leads)).padStart(7, '0')}`;

function call() {
  sent++;
  if (Math.random() < identifyShare)
    return {
      type: 'identify',
      messageId: `${prefix}-${sent}`,
      userId: randomLead(),
      traits: { title: titles[sent % titles.length] },
      timestamp: new Date().toISOString(),
    };
  return {
    type: 'track',
    messageId: `${prefix}-${sent}`,
    userId: randomLead(),
    event: names[sent % names.length],
    properties: { campaign: 'bench', path: '/pricing' },
    timestamp: new Date().toISOString(),
  };
}

module.exports = function setupRequest(request) {
  const body = perRequest === 1 ? call() : { batch: Array.from({ length: perRequest }, call) };
  request.body = JSON.stringify(body);
  return request;
};
