// The suggested scorecard as a model file people read and edit: YAML with one line per
// condition, a header saying how it was made, and nothing that changes from run to run.
import type { Condition } from '../core/condition-schema.js';
import type { Suggestion } from './suggest.js';
import { REPEATS } from './suggest-behaviours.js';

const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A YAML scalar: plain when that is unambiguous text, double-quoted (JSON) otherwise. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value) && !RESERVED.test(value)
    ? value
    : JSON.stringify(value);
}

/** A condition in flow style: `{ field: age, between: [30, 39] }`. */
export function yamlCondition(condition: Condition): string {
  if ('all' in condition) return `{ all: [${condition.all.map(yamlCondition).join(', ')}] }`;
  if ('any' in condition) return `{ any: [${condition.any.map(yamlCondition).join(', ')}] }`;
  if ('not' in condition) return `{ not: ${yamlCondition(condition.not)} }`;
  const parts = Object.entries(condition)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => {
      const text = Array.isArray(v)
        ? `[${(v as (string | number | boolean)[]).map(yamlScalar).join(', ')}]`
        : yamlScalar(v as string | number | boolean);
      return `${key}: ${text}`;
    });
  return `{ ${parts.join(', ')} }`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The model file of a suggestion; the same suggestion always gives the same bytes. */
export function suggestionYaml(s: Suggestion): string {
  const model = s.model;
  const lines = [
    '# Suggested by `leadscore suggest`: points from weights of evidence, to read, edit and',
    '# validate before use.',
    `#   data: ${oneLine(s.source)}; target: ${oneLine(s.target)} ` +
      `(converted: ${s.positive.join(', ')})`,
    `#   learned on ${s.train.leads} training leads; the held-out fifth ` +
      `(${s.heldOut.leads} leads) was left out and used only to measure`,
    s.method === 'lr'
      ? `#   points = round(weight x WoE x ${s.pdo} / ln 2), the weight of each attribute from a ` +
        'logistic regression on the WoE values'
      : `#   points = round(WoE x ${s.pdo} / ln 2)`,
    `#   ${s.pdo} points double the odds of converting`,
    `#   attributes with information value >= ${s.minIv}; ${s.bins} quantile bins per number`,
  ];
  if ((model.fit?.grades ?? []).length > 0) {
    lines.push(
      '#   grades: A top 10%, B next 20%, C next 30%, D next 20%, E the rest of training leads',
    );
  }
  if (s.behaviours.length > 0) {
    lines.push(
      `#   engagement rules from count columns with information value >= ${s.minIv}:`,
      `#   points per event = round(WoE of doing it at least once x ${s.pdo} / ln 2)` +
        (s.method === 'lr' ? ' (WoE alone: the regression weighs only the fit attributes)' : ''),
      `#   lifetime cap = the points of doing it ${REPEATS} or more times when those are more, ` +
        "else one event's",
      '#   the top segment cuts on the score (fit + engagement) of training leads',
    );
  }
  lines.push(`name: ${yamlScalar(model.name)}`);
  if (model.description !== undefined) {
    lines.push(`description: ${yamlScalar(model.description)}`);
  }
  const criteria = model.fit?.criteria ?? [];
  lines.push('fit:', criteria.length === 0 ? '  criteria: []' : '  criteria:');
  for (const c of criteria) {
    lines.push(`    - id: ${yamlScalar(c.id)}`);
    if (c.description !== undefined) {
      lines.push(`      description: ${yamlScalar(c.description)}`);
    }
    if (c.category !== undefined) lines.push(`      category: ${yamlScalar(c.category)}`);
    lines.push(`      when: ${yamlCondition(c.when)}`, `      points: ${c.points}`);
  }
  const grades = model.fit?.grades ?? [];
  if (grades.length > 0) lines.push('  grades:');
  for (const g of grades) {
    lines.push(
      g.min === undefined
        ? `    - { grade: ${yamlScalar(g.grade)} }`
        : `    - { grade: ${yamlScalar(g.grade)}, min: ${g.min} }`,
    );
  }
  const rules = model.engagement?.rules ?? [];
  if (rules.length > 0) {
    lines.push(
      'engagement:',
      '  # Count data has no times, so nothing decays here: once these rules score live events,',
      '  # add halfLifeDays (here, or per rule) so that old activity counts less.',
      '  rules:',
    );
  }
  for (const r of rules) {
    lines.push(`    - id: ${yamlScalar(r.id)}`);
    if (r.description !== undefined) {
      lines.push(`      description: ${yamlScalar(r.description)}`);
    }
    if (r.category !== undefined) lines.push(`      category: ${yamlScalar(r.category)}`);
    lines.push(`      event: ${yamlScalar(r.event)}`, `      points: ${r.points}`);
    if (r.cap !== undefined) lines.push(`      cap: { points: ${r.cap.points} }`);
  }
  lines.push('segments:');
  for (const seg of model.segments) {
    lines.push(`  - id: ${yamlScalar(seg.id)}`);
    if (seg.description !== undefined) {
      lines.push(`    description: ${yamlScalar(seg.description)}`);
    }
    if (seg.min !== undefined) lines.push(`    min: ${seg.min}`);
    lines.push(`    stage: ${seg.stage}`);
  }
  return `${lines.join('\n')}\n`;
}
