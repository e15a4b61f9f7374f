// Reports: identifier columns left out, HTML escaping and charts, CSV quoting.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../ml/read-dataset.js';
import { analyze } from './analyze.js';
import { csvTables } from './csv-report.js';
import { htmlReport } from './html-report.js';

const rows = Array.from({ length: 100 }, (_, i) => {
  const kind = i % 2 === 0 ? '<b>&"x"' : 'plain, quoted';
  return `lead-${i},"${kind.replace(/"/g, '""')}",${i % 5 === 0 ? 'yes' : 'no'}`;
});
const dataset = parseDataset(`ref,kind,won\n${rows.join('\n')}\n`, 'x.csv');
const analysis = analyze(dataset, { target: 'won' });

describe('reports', () => {
  it('leaves out an identifier-like column (nearly every value distinct)', () => {
    expect(analysis.skipped).toEqual(['ref']);
    expect(analysis.attributes.map((a) => a.name)).toEqual(['kind']);
  });

  it('escapes values in the HTML and draws one chart per attribute, without scripts', () => {
    const page = htmlReport(analysis);
    expect(page).toContain('<td>&lt;b&gt;&amp;&quot;x&quot;</td>');
    expect(page).not.toContain('<b>&');
    expect(page).not.toContain('<script');
    expect(page.match(/<svg /g)).toHaveLength(1);
    expect(page).toContain('data-chart="kind"');
  });

  it('quotes CSV fields that need it', () => {
    const values = csvTables(analysis).find((t) => t.file === 'attribute-values.csv');
    expect(values?.text).toContain('kind,"<b>&""x""",50,');
    expect(values?.text).toContain('kind,"plain, quoted",50,');
  });
});
