// A markdownlint rule: every fenced code block is closed by a fence line of its own. Written here
// because none of markdownlint's rules checks it: a fence left open, or closed by a line that
// goes on with text (which is then not a closing fence), turns the rest of a document into code
// and every rule reads it as a valid code block.

/** Every token of the tree, depth first. */
function* walk(tokens) {
  for (const token of tokens) {
    yield token;
    yield* walk(token.children);
  }
}

/** @type {import('markdownlint').Rule} */
export default {
  names: ['LS001', 'fenced-code-closed'],
  description: 'Fenced code blocks are closed by a fence line of their own',
  tags: ['code'],
  parser: 'micromark',
  function: (params, onError) => {
    for (const block of walk(params.parsers.micromark.tokens)) {
      if (block.type !== 'codeFenced') continue;
      const fences = block.children.filter((child) => child.type === 'codeFencedFence');
      const opening = fences[0].children.find((child) => child.type === 'codeFencedFenceSequence');
      const marker = opening.text;
      for (const line of block.children) {
        if (line.type !== 'codeFlowValue') continue;
        const fence = /^(`{3,}|~{3,})/.exec(line.text)?.[1];
        // As long a run of the same character would close the block, were it alone on its line.
        if (fence && fence[0] === marker[0] && fence.length >= marker.length)
          onError({
            lineNumber: line.startLine,
            detail:
              'A fence followed by text does not close the block: put the text on a line of its own',
            context: line.text,
          });
      }
      if (fences.length < 2)
        onError({
          lineNumber: block.startLine,
          detail: 'This fence is never closed: everything after it is code',
          context: params.lines[block.startLine - 1],
        });
    }
  },
};
