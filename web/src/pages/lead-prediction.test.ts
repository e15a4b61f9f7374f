// The lead page's prediction: each factor reads as its label, its contribution rounded.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Prediction } from '../api/types';
import { LeadPrediction } from './lead-prediction';

const prediction: Prediction = {
  version: 3,
  kind: 'gbdt',
  probability: 0.4213,
  band: 'B',
  up: [
    {
      text: 'unknown country',
      feature: 'country',
      value: null,
      label: 'country=(missing)',
      contribution: 1.0512,
    },
  ],
  down: [
    { text: 'age is 42', feature: 'age', value: '42', label: 'age=42', contribution: -0.03456 },
  ],
};

describe('LeadPrediction', () => {
  it('shows each factor’s label and its contribution to 2 significant digits', () => {
    const html = renderToStaticMarkup(createElement(LeadPrediction, { prediction }));
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('unknown country +1.1');
    expect(text).toContain('age is 42 -0.035');
    expect(text).not.toContain('1.0512');
    // The machine label is kept for a hover, not shown as the text.
    expect(html).toContain('title="country=(missing)"');
  });
});
