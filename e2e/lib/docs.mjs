// Turns a Markdown guide into one program that runs its code blocks in order, so that a
// guide that drifts from the product fails the tests (e2e/docs.test.mjs).
//
// A fenced block's info string says what it is (the first word is the language, for
// GitHub's highlighting; the rest is for this runner):
//
//   ```sh                      a shell script, run with bash -euo pipefail; variables it
//                              sets and the folder it ends in carry over to later blocks
//   ```console                 `$ command` lines, each followed by the output it prints
//                              (stdout and stderr); `…` stands for any text
//   ```sh background ready=9944[,9945]
//                              started and left running until the guide ends; the next
//                              block runs once each port answers JSON-RPC
//   ```js                      JavaScript (an ES module, top-level await); the guide's
//                              blocks share one scope, as one program
//   ```json file=terms.json    written to that file: data the next blocks use
//   ```sh skip: <why>          not run, and says why (e.g. it runs the tests themselves)
//   ```text output             what the block before it printed (its shell commands' standard
//                              output, or what its JavaScript logged); `…` stands for any text
//   ```text, ```json           shown, not run: diagrams, formats
//
// Every sh, console and js block runs unless it says `skip:` with a reason.

const FENCE = /^( *)(`{3,})(.*)$/;

/**
 * The fenced code blocks of a Markdown text (also those indented in a list item):
 * { kind, lang, info, code, where, ... }, where `where` is the file and line of the
 * block's first code line.
 */
export function codeBlocks(markdown, file) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(FENCE);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== fence) end++;
    if (end === lines.length) throw new Error(`${file}:${i + 1}: the code block is not closed`);
    const code = lines
      .slice(start, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    blocks.push(classify(info.trim(), code, `${file}:${start + 1}`));
    i = end;
  }
  return blocks;
}

function classify(info, code, where) {
  const [lang = '', ...rest] = info.split(/\s+/).filter(Boolean);
  const attrs = rest.join(' ');
  const base = { lang, info, code, where };
  const skip = attrs.match(/^skip:\s*(.*)$/);
  if (skip) {
    if (!skip[1]) throw new Error(`${where}: \`skip:\` needs a reason`);
    return { ...base, kind: 'skip', reason: skip[1] };
  }
  const file = attrs.match(/^file=(\S+)$/);
  if (file) return { ...base, kind: 'file', name: file[1] };
  switch (lang) {
    case 'sh':
      if (attrs.startsWith('background')) {
        const ready = attrs.match(/ready=([\d,]+)/);
        if (!ready) throw new Error(`${where}: a background block says which ports to wait for`);
        return { ...base, kind: 'background', ports: ready[1].split(',').map(Number) };
      }
      if (attrs) throw new Error(`${where}: unknown sh block attributes "${attrs}"`);
      return { ...base, kind: 'sh' };
    case 'console':
      return { ...base, kind: 'console', steps: consoleSteps(code, where) };
    case 'js':
      if (attrs) throw new Error(`${where}: unknown js block attributes "${attrs}"`);
      return { ...base, kind: 'js' };
    case 'text':
    case 'json':
      if (attrs === 'output') return { ...base, kind: 'output' };
      if (attrs) throw new Error(`${where}: unknown ${lang} block attributes "${attrs}"`);
      return { ...base, kind: 'shown' };
    default:
      throw new Error(
        `${where}: a code block needs a language (sh, console, js, json, text), not "${info}"`,
      );
  }
}

/** `$ command` lines (a trailing `\` continues one) and the output shown after each. */
function consoleSteps(code, where) {
  const steps = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('$ ')) {
      if (!steps.length) throw new Error(`${where}: a console block starts with "$ command"`);
      steps.at(-1).output.push(lines[i]);
      continue;
    }
    let command = lines[i].slice(2);
    while (command.endsWith('\\') && i + 1 < lines.length) command += '\n' + lines[++i];
    steps.push({ command, output: [] });
  }
  return steps.map(({ command, output }) => ({ command, output: output.join('\n') }));
}

// `import … from 'x'` becomes `await import('x')` where it stands, so that a module the
// guide creates on the way (a file it copies) is imported after it exists.
const STATIC_IMPORT = /^import\s+([\s\S]*?)\s+from\s+(['"][^'"]+['"]);?[ \t]*(\/\/.*)?$/gm;

function dynamicImports(code) {
  return code.replace(STATIC_IMPORT, (statement, clause, specifier) => {
    // As many lines as the statement had, so that line numbers stay the guide's.
    const pad = '\n'.repeat(statement.split('\n').length - 1);
    return rewriteImport(clause.trim(), specifier) + pad;
  });
}

function rewriteImport(clause, specifier) {
  const named = clause.match(/^\{([\s\S]*)\}$/);
  if (named) {
    const bindings = named[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => s.replace(/\s+as\s+/, ': '));
    return `const { ${bindings.join(', ')} } = await import(${specifier});`;
  }
  const namespace = clause.match(/^\*\s+as\s+(\w+)$/);
  if (namespace) return `const ${namespace[1]} = await import(${specifier});`;
  if (/^\w+$/.test(clause)) return `const { default: ${clause} } = await import(${specifier});`;
  throw new Error(`unsupported import: import ${clause} from ${specifier}`);
}

/**
 * The program that runs a guide's blocks in order: an ES module importing `runtimeUrl`
 * (doc-runtime.mjs). Returns { source, lineMap }: lineMap[i] is the guide's place of the
 * program's line i + 1, for error messages.
 */
export function guideProgram(blocks, runtimeUrl) {
  const out = [];
  const lineMap = [];
  const emit = (text, where) => {
    for (const line of text.split('\n')) {
      out.push(line);
      lineMap.push(where);
    }
  };
  emit(`import * as __guide from ${JSON.stringify(runtimeUrl)};`, 'runner');
  emit('try {', 'runner');
  for (const block of blocks) {
    const b = JSON.stringify(block);
    switch (block.kind) {
      case 'js':
        emit(`__guide.entering(${JSON.stringify(block.where)});`, block.where);
        dynamicImports(block.code)
          .split('\n')
          .forEach((line, i) => {
            const [file, first] = block.where.split(/:(?=\d+$)/);
            emit(line, `${file}:${Number(first) + i}`);
          });
        break;
      case 'sh':
        emit(`await __guide.sh(${b});`, block.where);
        break;
      case 'console':
        emit(`await __guide.console(${b});`, block.where);
        break;
      case 'background':
        emit(`await __guide.background(${b});`, block.where);
        break;
      case 'file':
        emit(`__guide.file(${b});`, block.where);
        break;
      case 'output':
        emit(`__guide.output(${b});`, block.where);
        break;
      default:
        break;
    }
  }
  emit('} catch (error) {', 'runner');
  emit('  await __guide.fail(error);', 'runner');
  emit('}', 'runner');
  emit('await __guide.end();', 'runner');
  return { source: out.join('\n') + '\n', lineMap };
}
