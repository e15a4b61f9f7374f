// Import files with bad rows of every kind (and the model they are scored with), shared by the
// tests of bad input and of the dry run.
export const BAD_MODEL = {
  name: 'demo',
  fit: { criteria: [{ id: 'big', when: { field: 'company.size', gte: 100 }, points: 20 }] },
  engagement: { rules: [{ id: 'demo', event: 'Demo Requested', points: 30 }] },
  segments: [
    { id: 'hot', min: 40, stage: 'bofu' },
    { id: 'cold', stage: 'tofu' },
  ],
};

export const BAD_FILES = {
  'leads.csv': [
    'id,title,employees',
    'L1,CEO,150',
    ',CTO,5',
    'L3,VP,1,extra',
    'L4,Dev,abc',
    'L5,Eng,7',
  ].join('\n'),
  'events.ndjson': [
    '{"type":"track","userId":"L1","event":"Demo Requested","timestamp":"2026-01-01T00:00:00Z","messageId":"m1"}',
    'not json',
    '{"type":"track","userId":"L1","event":"Email Opened","timestamp":"2026-01-01T00:00:00"}',
    '{"type":"identify","userId":"L1"}',
    '{"type":"track","userId":"L5","event":"Demo Requested","timestamp":"2026-01-02T00:00:00Z"}',
  ].join('\n'),
  'outcomes.csv': [
    'lead_id,outcome,at,value,currency,reason',
    'L1,converted,2026-01-03T00:00:00Z,500,EUR,',
    'L5,won,2026-01-03T00:00:00Z,,,',
    'nobody,lost,2026-01-03T00:00:00Z,,,price',
    'L5,lost,2026-01-03T00:00:00Z,,,',
  ].join('\n'),
  'map.yaml': 'leads:\n  columns:\n    employees: { to: company.size, type: number }\n',
};
