// The YAML <-> form sync: edits at a path keep the rest of the text, lists grow and shrink,
// empty caps go away, paths read like the API's and map back to lines.
import { describe, expect, it } from 'vitest';
import {
  addItem,
  formatPath,
  lineOfPath,
  moveItem,
  parseModelText,
  removeItem,
  setIn,
  specToYaml,
} from './model-doc';

const TEXT = `# tuned by marketing ops
name: b2b
engagement:
  rules:
    - id: demo # the strongest signal
      event: Demo Requested
      points: 20
      cap:
        points: 40
    - id: visit
      event: Page Viewed
      points: 1
segments:
  - id: hot
    stage: bofu
    min: 50
  - id: rest
    stage: tofu
`;

describe('setIn', () => {
  it('changes one value and keeps comments and layout', () => {
    const next = setIn(TEXT, ['engagement', 'rules', 0, 'points'], 25);
    expect(next).toBe(TEXT.replace('points: 20', 'points: 25'));
    const value = parseModelText(next).value as { engagement: { rules: { points: number }[] } };
    expect(value.engagement.rules[0]!.points).toBe(25);
  });

  it('creates missing maps and removes keys, dropping a cap left empty', () => {
    const capped = setIn(TEXT, ['engagement', 'rules', 1, 'cap', 'days'], 7);
    expect(parseModelText(capped).value).toMatchObject({
      engagement: { rules: [{}, { cap: { days: 7 } }] },
    });
    const uncapped = setIn(TEXT, ['engagement', 'rules', 0, 'cap', 'points'], undefined);
    expect(uncapped).not.toContain('cap:');
    expect(uncapped).toContain('# the strongest signal');
  });
});

describe('list edits', () => {
  it('adds, removes and moves items', () => {
    const added = addItem(TEXT, ['fit', 'grades'], { grade: 'A', min: 30 });
    expect(parseModelText(added).value).toMatchObject({
      fit: { grades: [{ grade: 'A', min: 30 }] },
    });
    const inserted = addItem(TEXT, ['segments'], { id: 'warm', stage: 'mofu', min: 20 }, 1);
    const ids = (parseModelText(inserted).value as { segments: { id: string }[] }).segments;
    expect(ids.map((s) => s.id)).toEqual(['hot', 'warm', 'rest']);
    const removed = removeItem(TEXT, ['segments'], 0);
    expect(parseModelText(removed).value).toMatchObject({ segments: [{ id: 'rest' }] });
    const moved = moveItem(TEXT, ['engagement', 'rules'], 1, -1);
    const rules = (parseModelText(moved).value as { engagement: { rules: { id: string }[] } })
      .engagement.rules;
    expect(rules.map((r) => r.id)).toEqual(['visit', 'demo']);
  });
});

describe('parsing and paths', () => {
  it('reports a syntax error with its line and refuses form edits until it is fixed', () => {
    const broken = 'name: x\nsegments: [\n';
    const parsed = parseModelText(broken);
    expect(parsed.value).toBeUndefined();
    expect(parsed.syntaxError?.line).toBeGreaterThanOrEqual(2);
    expect(() => setIn(broken, ['name'], 'y')).toThrow(/syntax/);
  });

  it('names fields like the API and finds their lines', () => {
    expect(formatPath(['engagement', 'rules', 3, 'points'])).toBe('engagement.rules[3].points');
    expect(lineOfPath(TEXT, ['engagement', 'rules', 1, 'points'])).toBe(12);
    expect(lineOfPath(TEXT, ['nowhere'])).toBeNull();
  });

  it('writes a JSON spec as YAML that reads back the same', () => {
    const spec = { name: 'x', segments: [{ id: 'all', stage: 'tofu' }] };
    expect(parseModelText(specToYaml(spec)).value).toEqual(spec);
  });
});
